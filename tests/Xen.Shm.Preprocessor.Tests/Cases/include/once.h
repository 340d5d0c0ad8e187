#pragma once
#define ONCE_VALUE 7
once-included;
