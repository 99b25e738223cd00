/* A shared library that is not amdsmi at all: the tests point ergon.amdsmi.library at it. */
__attribute__((visibility("default"))) int not_amdsmi(void) { return 0; }
