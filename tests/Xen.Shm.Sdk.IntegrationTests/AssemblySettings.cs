// Child `dotnet build`s share one packed feed and one NUGET_PACKAGES, and the machine has 2 cores:
// one at a time is both safer and no slower.
[assembly: DoNotParallelize]
