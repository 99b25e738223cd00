/* A shared library that is not NVML at all: the tests point ergon.nvml.library at it. */
__attribute__((visibility("default"))) int not_nvml(void) { return 0; }
