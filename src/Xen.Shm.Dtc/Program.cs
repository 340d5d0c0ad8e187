// xdtc: the dtc-compatible command line. The compiler lives in Xen.Shm.Devicetree;
// this file only turns arguments into library calls (issue: Device-tree compiler).
return Xen.Shm.Dtc.Cli.Run(args);
