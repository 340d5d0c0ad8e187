#include_next <next.h>
#define NEXT_VALUE (INNER_NEXT + 1)
