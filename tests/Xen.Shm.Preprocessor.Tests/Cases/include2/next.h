#define INNER_NEXT 10
