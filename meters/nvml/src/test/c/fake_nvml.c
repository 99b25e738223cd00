/*
 * A programmable stand-in for libnvidia-ml.so.1, for Ergon's tests only. Never shipped, never loaded by production
 * code unless a test points ergon.nvml.library at it.
 *
 * Signatures, return codes and units follow nvml.h (NVML_API_VERSION 13), see SPECS.md section B:
 * energy in mJ, power and power limits in mW, device handles are opaque pointers.
 *
 * Programming: a control file of "key = value" lines ('#' starts a comment), re-read on every call, so a test can
 * change it between calls. Its path is $FAKE_NVML_CONTROL, else "fake-nvml.control" next to this library file.
 * Every exported call is appended to a call log: $FAKE_NVML_LOG, else "fake-nvml.calls" next to this library,
 * one line "<symbol>" or "<symbol> <gpu index>".
 *
 * Keys (N is a GPU index, 0-based; defaults in brackets):
 *   gpus = count of GPUs [0]
 *   ret.<fn> = return code injected into nvmlInit / nvmlDeviceGetCount / nvmlShutdown (<fn> without _v2) [0]
 *   clock_ns = a manual clock in ns; when absent the clock is CLOCK_MONOTONIC (as Java's System.nanoTime)
 *   origin_ns = the clock value at which the power traces start [0]
 *   gpu.N.uuid [GPU-00000000-0000-0000-0000-00000000000N]   gpu.N.name [NVIDIA Fake GPU]
 *   gpu.N.arch = nvmlDeviceArchitecture_t [9 = Hopper]       gpu.N.mig = current MIG mode 0/1 [0]
 *   gpu.N.mig_uuids = MIG instance UUIDs, space separated []
 *   gpu.N.energy = 1 if nvmlDeviceGetTotalEnergyConsumption is supported [1]
 *   gpu.N.energy_mj = energy counter offset in mJ, added to the integral of the power trace [0]
 *   gpu.N.energy_period_ms = the counter advances only at multiples of this period [0: continuously]
 *   gpu.N.power_supported = 1 if nvmlDeviceGetPowerUsage is supported [1]
 *   gpu.N.power = power trace "t_ms:mW t_ms:mW ...", piecewise linear, constant outside its ends [0 mW]
 *   gpu.N.power_window_ms = nvmlDeviceGetPowerUsage returns the trace averaged over this window [0: instantaneous]
 *   gpu.N.limit_min_mw [100000]  gpu.N.limit_max_mw [700000]  gpu.N.enforced_limit_mw [limit_max_mw]
 *   gpu.N.lost_at_call = from this device call on (1-based, counting calls that take this GPU's handle), every
 *       call on the GPU returns NVML_ERROR_GPU_IS_LOST [never]
 *   gpu.N.ret.<fn> = return code injected into calls of <fn> on GPU N (<fn> without _v2/_v3 suffix) [0]
 *   gpu.N.energy_raw_mj = the counter's exact unsigned 64-bit value, returned as is (overrides the trace) [unset]
 *   gpu.N.processes = "pid:usedMemoryBytes[:gpuInstanceId[:computeInstanceId]] ..." running compute processes
 *       [] (instance ids default to 0xFFFFFFFF, MIG off)
 *   gpu.N.process_struct_size = bytes per entry written by nvmlDeviceGetComputeRunningProcesses_v3 [24]; 32
 *       reproduces the R535.54 driver that wrote nvmlProcessInfo_v3_t without a version bump
 *
 * Build with -DFAKE_NVML_V1_ONLY to export only the legacy unversioned symbols (nvmlInit, nvmlDeviceGetCount,
 * nvmlDeviceGetHandleByIndex), as drivers older than the v2 API do.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define API __attribute__((visibility("default")))

typedef int nvmlReturn_t;

enum {
  NVML_SUCCESS = 0,
  NVML_ERROR_UNINITIALIZED = 1,
  NVML_ERROR_INVALID_ARGUMENT = 2,
  NVML_ERROR_NOT_SUPPORTED = 3,
  NVML_ERROR_INSUFFICIENT_SIZE = 7,
  NVML_ERROR_GPU_IS_LOST = 15,
  NVML_ERROR_UNKNOWN = 999
};

#define MAX_GPUS 16
#define MAX_MIG 7
#define MAX_PAIRS 1024
#define MAX_TRACE 4096

struct nvmlDevice_st {
  int gpu;      /* index of the physical GPU */
  int mig_slot; /* -1 for the physical GPU, else the MIG instance */
};
typedef struct nvmlDevice_st *nvmlDevice_t;

typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlProcessInfo_t; /* 24 bytes, as nvmlProcessInfo_v2_t */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct nvmlDevice_st gpus[MAX_GPUS];
static struct nvmlDevice_st migs[MAX_GPUS][MAX_MIG];
static int init_count;
static long device_calls[MAX_GPUS];

static char *control_text;
static const char *keys[MAX_PAIRS];
static const char *values[MAX_PAIRS];
static int pair_count;

/* ---- files next to this library -------------------------------------------------------------------------- */

static void sibling_path(char *out, size_t size, const char *env, const char *file) {
  const char *given = getenv(env);
  if (given != NULL && given[0] != '\0') {
    snprintf(out, size, "%s", given);
    return;
  }
  Dl_info info;
  if (dladdr((void *)&sibling_path, &info) != 0 && info.dli_fname != NULL) {
    const char *slash = strrchr(info.dli_fname, '/');
    if (slash != NULL) {
      snprintf(out, size, "%.*s/%s", (int)(slash - info.dli_fname), info.dli_fname, file);
      return;
    }
  }
  snprintf(out, size, "%s", file);
}

static void reload_control(void) {
  char path[4096];
  sibling_path(path, sizeof path, "FAKE_NVML_CONTROL", "fake-nvml.control");
  free(control_text);
  control_text = NULL;
  pair_count = 0;
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    return;
  }
  size_t cap = 4096, len = 0;
  control_text = malloc(cap);
  size_t n;
  while (control_text != NULL && (n = fread(control_text + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len - 1 == 0) {
      cap *= 2;
      control_text = realloc(control_text, cap);
    }
  }
  fclose(f);
  if (control_text == NULL) {
    return;
  }
  control_text[len] = '\0';
  char *save = NULL;
  for (char *line = strtok_r(control_text, "\n", &save); line != NULL && pair_count < MAX_PAIRS;
       line = strtok_r(NULL, "\n", &save)) {
    char *hash = strchr(line, '#');
    if (hash != NULL) {
      *hash = '\0';
    }
    char *eq = strchr(line, '=');
    if (eq == NULL) {
      continue;
    }
    *eq = '\0';
    char *k = line, *v = eq + 1;
    while (*k == ' ' || *k == '\t') k++;
    while (*v == ' ' || *v == '\t') v++;
    for (char *e = eq - 1; e >= k && (*e == ' ' || *e == '\t' || *e == '\r'); e--) *e = '\0';
    for (char *e = v + strlen(v) - 1; e >= v && (*e == ' ' || *e == '\t' || *e == '\r'); e--) *e = '\0';
    keys[pair_count] = k;
    values[pair_count] = v;
    pair_count++;
  }
}

static const char *ctl(const char *fmt, ...) {
  char key[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(key, sizeof key, fmt, ap);
  va_end(ap);
  for (int i = pair_count - 1; i >= 0; i--) { /* the last assignment wins */
    if (strcmp(keys[i], key) == 0) {
      return values[i];
    }
  }
  return NULL;
}

static long long ctl_ll(long long fallback, const char *fmt, ...) {
  char key[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(key, sizeof key, fmt, ap);
  va_end(ap);
  const char *v = ctl("%s", key);
  return v == NULL || v[0] == '\0' ? fallback : strtoll(v, NULL, 10);
}

static void log_call(const char *symbol, int gpu) {
  char path[4096];
  sibling_path(path, sizeof path, "FAKE_NVML_LOG", "fake-nvml.calls");
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) {
    return;
  }
  char line[256];
  int n = gpu >= 0 ? snprintf(line, sizeof line, "%s %d\n", symbol, gpu) : snprintf(line, sizeof line, "%s\n", symbol);
  if (write(fd, line, (size_t)n) < 0) {
    /* nothing to do: the log is best effort */
  }
  close(fd);
}

/* ---- time and the power trace ---------------------------------------------------------------------------- */

static long long now_ns(void) {
  const char *manual = ctl("clock_ns");
  if (manual != NULL) {
    return strtoll(manual, NULL, 10);
  }
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Seconds since origin_ns. */
static double trace_time_s(void) {
  return (double)(now_ns() - ctl_ll(0, "origin_ns")) / 1e9;
}

static int read_trace(int gpu, double *t, double *p) {
  const char *spec = ctl("gpu.%d.power", gpu);
  int n = 0;
  while (spec != NULL && *spec != '\0' && n < MAX_TRACE) {
    char *end;
    double tm = strtod(spec, &end);
    if (end == spec || *end != ':') {
      break;
    }
    spec = end + 1;
    double mw = strtod(spec, &end);
    if (end == spec) {
      break;
    }
    spec = end;
    while (*spec == ' ' || *spec == ',') spec++;
    t[n] = tm / 1000.0;
    p[n] = mw;
    n++;
  }
  return n;
}

static double power_at(const double *t, const double *p, int n, double s) {
  if (n == 0) return 0;
  if (s <= t[0]) return p[0];
  for (int i = 1; i < n; i++) {
    if (s <= t[i]) {
      double f = (s - t[i - 1]) / (t[i] - t[i - 1]);
      return p[i - 1] + f * (p[i] - p[i - 1]);
    }
  }
  return p[n - 1];
}

/* Integral of the trace from 0 to s, in mW*s = mJ; 0 for s <= 0. */
static double energy_to(const double *t, const double *p, int n, double s) {
  if (n == 0 || s <= 0) return 0;
  double e = 0, prev = 0;
  /* Breakpoints inside (0, s), then s itself. */
  for (int i = 0; i <= n; i++) {
    double next = i < n ? t[i] : s;
    if (next > s) next = s;
    if (next > prev) {
      e += (power_at(t, p, n, prev) + power_at(t, p, n, next)) / 2 * (next - prev);
      prev = next;
    }
  }
  return e;
}

/* ---- common checks ---------------------------------------------------------------------------------------- */

static int gpu_count(void) {
  long long n = ctl_ll(0, "gpus");
  return n < 0 ? 0 : n > MAX_GPUS ? MAX_GPUS : (int)n;
}

/* Whether a handle is a MIG device handle this library gave out. */
static int is_mig(nvmlDevice_t device) {
  for (int g = 0; g < MAX_GPUS; g++) {
    for (int m = 0; m < MAX_MIG; m++) {
      if (device == &migs[g][m]) return 1;
    }
  }
  return 0;
}

/* Index of the physical GPU behind a handle, or -1 if the handle is not one this library gave out. */
static int gpu_of(nvmlDevice_t device) {
  for (int i = 0; i < gpu_count(); i++) {
    if (device == &gpus[i]) return i;
  }
  return -1;
}

/* Locks, re-reads the control file, logs and checks a call on a GPU handle. Unlocks on failure. */
static nvmlReturn_t enter_device(const char *symbol, const char *base, nvmlDevice_t device, int *gpu) {
  pthread_mutex_lock(&lock);
  reload_control();
  *gpu = gpu_of(device);
  log_call(symbol, *gpu);
  nvmlReturn_t rc = NVML_SUCCESS;
  if (init_count == 0) {
    rc = NVML_ERROR_UNINITIALIZED;
  } else if (*gpu < 0) {
    rc = NVML_ERROR_INVALID_ARGUMENT;
  } else {
    long long lost = ctl_ll(0, "gpu.%d.lost_at_call", *gpu);
    device_calls[*gpu]++;
    if (lost > 0 && device_calls[*gpu] >= lost) {
      rc = NVML_ERROR_GPU_IS_LOST;
    } else {
      rc = (nvmlReturn_t)ctl_ll(0, "gpu.%d.ret.%s", *gpu, base);
    }
  }
  if (rc != NVML_SUCCESS) {
    pthread_mutex_unlock(&lock);
  }
  return rc;
}

static nvmlReturn_t leave(nvmlReturn_t rc) {
  pthread_mutex_unlock(&lock);
  return rc;
}

static nvmlReturn_t copy_string(const char *value, char *out, unsigned int length) {
  if (out == NULL) return NVML_ERROR_INVALID_ARGUMENT;
  if (strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
  memcpy(out, value, strlen(value) + 1);
  return NVML_SUCCESS;
}

/* ---- library ------------------------------------------------------------------------------------------------ */

static nvmlReturn_t do_init(const char *symbol) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call(symbol, -1);
  nvmlReturn_t rc = (nvmlReturn_t)ctl_ll(0, "ret.nvmlInit");
  if (rc == NVML_SUCCESS) {
    for (int i = 0; i < MAX_GPUS; i++) {
      gpus[i].gpu = i;
      gpus[i].mig_slot = -1;
      for (int m = 0; m < MAX_MIG; m++) {
        migs[i][m].gpu = i;
        migs[i][m].mig_slot = m;
      }
    }
    init_count++;
  }
  return leave(rc);
}

API nvmlReturn_t nvmlInit(void) { return do_init("nvmlInit"); }

API nvmlReturn_t nvmlShutdown(void) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("nvmlShutdown", -1);
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  init_count--;
  return leave((nvmlReturn_t)ctl_ll(0, "ret.nvmlShutdown"));
}

API const char *nvmlErrorString(nvmlReturn_t result) {
  switch (result) {
    case 0: return "Success";
    case 1: return "Uninitialized";
    case 2: return "Invalid Argument";
    case 3: return "Not Supported";
    case 4: return "Insufficient Permissions";
    case 6: return "Not Found";
    case 7: return "Insufficient Size";
    case 9: return "Driver Not Loaded";
    case 10: return "Timeout";
    case 12: return "NVML Shared Library Not Found";
    case 15: return "GPU is lost";
    case 18: return "RM has detected an NVML/RM version mismatch.";
    default: return "Unknown Error";
  }
}

static nvmlReturn_t do_count(const char *symbol, unsigned int *count) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call(symbol, -1);
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  if (count == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  nvmlReturn_t rc = (nvmlReturn_t)ctl_ll(0, "ret.nvmlDeviceGetCount");
  if (rc == NVML_SUCCESS) *count = (unsigned int)gpu_count();
  return leave(rc);
}

API nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return do_count("nvmlDeviceGetCount", count); }

static nvmlReturn_t do_handle(const char *symbol, unsigned int index, nvmlDevice_t *device) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call(symbol, (int)index);
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  if (device == NULL || index >= (unsigned int)gpu_count()) return leave(NVML_ERROR_INVALID_ARGUMENT);
  nvmlReturn_t rc = (nvmlReturn_t)ctl_ll(0, "gpu.%u.ret.nvmlDeviceGetHandleByIndex", index);
  if (rc == NVML_SUCCESS) *device = &gpus[index];
  return leave(rc);
}

API nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *device) {
  return do_handle("nvmlDeviceGetHandleByIndex", index, device);
}

#ifndef FAKE_NVML_V1_ONLY
API nvmlReturn_t nvmlInit_v2(void) { return do_init("nvmlInit_v2"); }
API nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { return do_count("nvmlDeviceGetCount_v2", count); }
API nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  return do_handle("nvmlDeviceGetHandleByIndex_v2", index, device);
}
#endif

/* ---- identity ------------------------------------------------------------------------------------------------ */

static void default_uuid(int gpu, char *out, size_t size) {
  snprintf(out, size, "GPU-00000000-0000-0000-0000-%012d", gpu);
}

static const char *uuid_of(int gpu, char *scratch, size_t size) {
  const char *v = ctl("gpu.%d.uuid", gpu);
  if (v != NULL) return v;
  default_uuid(gpu, scratch, size);
  return scratch;
}

/* The n-th word of a space-separated list into out; 0 if absent. */
static int word(const char *list, int n, char *out, size_t size) {
  if (list == NULL) return 0;
  for (int i = 0;; i++) {
    while (*list == ' ') list++;
    if (*list == '\0') return 0;
    size_t len = strcspn(list, " ");
    if (i == n) {
      snprintf(out, size, "%.*s", (int)len, list);
      return 1;
    }
    list += len;
  }
}

API nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
  pthread_mutex_lock(&lock);
  reload_control();
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  if (is_mig(device)) { /* a MIG device handle */
    log_call("nvmlDeviceGetUUID", device->gpu);
    char mig[128];
    if (!word(ctl("gpu.%d.mig_uuids", device->gpu), device->mig_slot, mig, sizeof mig)) {
      return leave(NVML_ERROR_INVALID_ARGUMENT);
    }
    return leave(copy_string(mig, uuid, length));
  }
  pthread_mutex_unlock(&lock);
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetUUID", "nvmlDeviceGetUUID", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  char scratch[128];
  return leave(copy_string(uuid_of(gpu, scratch, sizeof scratch), uuid, length));
}

API nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetName", "nvmlDeviceGetName", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  const char *v = ctl("gpu.%d.name", gpu);
  return leave(copy_string(v != NULL ? v : "NVIDIA Fake GPU", name, length));
}

API nvmlReturn_t nvmlDeviceGetArchitecture(nvmlDevice_t device, unsigned int *arch) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetArchitecture", "nvmlDeviceGetArchitecture", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (arch == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  *arch = (unsigned int)ctl_ll(9, "gpu.%d.arch", gpu);
  return leave(NVML_SUCCESS);
}

API nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetMigMode", "nvmlDeviceGetMigMode", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (current == NULL || pending == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  *current = *pending = (unsigned int)ctl_ll(0, "gpu.%d.mig", gpu);
  return leave(NVML_SUCCESS);
}

API nvmlReturn_t nvmlDeviceGetHandleByUUID(const char *uuid, nvmlDevice_t *device) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("nvmlDeviceGetHandleByUUID", -1);
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  if (uuid == NULL || device == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  for (int g = 0; g < gpu_count(); g++) {
    char scratch[128];
    if (strcmp(uuid, uuid_of(g, scratch, sizeof scratch)) == 0) {
      *device = &gpus[g];
      return leave(NVML_SUCCESS);
    }
    char mig[128];
    for (int m = 0; m < MAX_MIG && word(ctl("gpu.%d.mig_uuids", g), m, mig, sizeof mig); m++) {
      if (strcmp(uuid, mig) == 0) {
        *device = &migs[g][m];
        return leave(NVML_SUCCESS);
      }
    }
  }
  return leave(6); /* NVML_ERROR_NOT_FOUND */
}

API nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(nvmlDevice_t mig, nvmlDevice_t *device) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("nvmlDeviceGetDeviceHandleFromMigDeviceHandle", is_mig(mig) ? mig->gpu : -1);
  if (init_count == 0) return leave(NVML_ERROR_UNINITIALIZED);
  if (!is_mig(mig) || device == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  *device = &gpus[mig->gpu];
  return leave(NVML_SUCCESS);
}

/* ---- energy and power ---------------------------------------------------------------------------------------- */

API nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetTotalEnergyConsumption", "nvmlDeviceGetTotalEnergyConsumption",
                                 device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (energy == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  if (!ctl_ll(1, "gpu.%d.energy", gpu)) return leave(NVML_ERROR_NOT_SUPPORTED);
  const char *raw = ctl("gpu.%d.energy_raw_mj", gpu);
  if (raw != NULL) {
    *energy = strtoull(raw, NULL, 10);
    return leave(NVML_SUCCESS);
  }
  static double t[MAX_TRACE], p[MAX_TRACE];
  int n = read_trace(gpu, t, p);
  double s = trace_time_s();
  long long period_ms = ctl_ll(0, "gpu.%d.energy_period_ms", gpu);
  if (period_ms > 0 && s > 0) {
    double period = (double)period_ms / 1000.0;
    s = (double)(long long)(s / period) * period;
  }
  double mj = (double)ctl_ll(0, "gpu.%d.energy_mj", gpu) + energy_to(t, p, n, s);
  *energy = (unsigned long long)mj;
  return leave(NVML_SUCCESS);
}

API nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetPowerUsage", "nvmlDeviceGetPowerUsage", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (power == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  if (!ctl_ll(1, "gpu.%d.power_supported", gpu)) return leave(NVML_ERROR_NOT_SUPPORTED);
  static double t[MAX_TRACE], p[MAX_TRACE];
  int n = read_trace(gpu, t, p);
  double s = trace_time_s();
  double window = (double)ctl_ll(0, "gpu.%d.power_window_ms", gpu) / 1000.0;
  double mw;
  if (window > 0) {
    /* energy_to is 0 before the origin; the trace is constant at p[0] there, so add that part by hand. */
    double from = s - window;
    double before = from < 0 ? (s < 0 ? window : -from) * power_at(t, p, n, from) : 0;
    mw = (energy_to(t, p, n, s) - energy_to(t, p, n, from) + before) / window;
  } else {
    mw = power_at(t, p, n, s);
  }
  *power = (unsigned int)(mw + 0.5);
  return leave(NVML_SUCCESS);
}

API nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device, unsigned int *min,
                                                              unsigned int *max) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetPowerManagementLimitConstraints",
                                 "nvmlDeviceGetPowerManagementLimitConstraints", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (min == NULL || max == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  *min = (unsigned int)ctl_ll(100000, "gpu.%d.limit_min_mw", gpu);
  *max = (unsigned int)ctl_ll(700000, "gpu.%d.limit_max_mw", gpu);
  return leave(NVML_SUCCESS);
}

API nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetEnforcedPowerLimit", "nvmlDeviceGetEnforcedPowerLimit", device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (limit == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  *limit = (unsigned int)ctl_ll(ctl_ll(700000, "gpu.%d.limit_max_mw", gpu), "gpu.%d.enforced_limit_mw", gpu);
  return leave(NVML_SUCCESS);
}

/* ---- processes ------------------------------------------------------------------------------------------------ */

#ifndef FAKE_NVML_V1_ONLY
API nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *count,
                                                         nvmlProcessInfo_t *infos) {
  int gpu;
  nvmlReturn_t rc = enter_device("nvmlDeviceGetComputeRunningProcesses_v3", "nvmlDeviceGetComputeRunningProcesses",
                                 device, &gpu);
  if (rc != NVML_SUCCESS) return rc;
  if (count == NULL) return leave(NVML_ERROR_INVALID_ARGUMENT);
  const char *list = ctl("gpu.%d.processes", gpu);
  unsigned int n = 0;
  char item[128];
  while (word(list, (int)n, item, sizeof item)) n++;
  if (*count < n || (n > 0 && infos == NULL)) {
    *count = n;
    return leave(n == 0 ? NVML_SUCCESS : NVML_ERROR_INSUFFICIENT_SIZE);
  }
  /* R535.54 wrote 32-byte entries through _v3 ("process_struct_size = 32" reproduces it, within the buffer). */
  size_t stride = (size_t)ctl_ll(sizeof(nvmlProcessInfo_t), "gpu.%d.process_struct_size", gpu);
  if (stride < sizeof(nvmlProcessInfo_t) || n * stride > (size_t)*count * sizeof(nvmlProcessInfo_t)) {
    stride = sizeof(nvmlProcessInfo_t);
  }
  memset(infos, 0, (size_t)*count * sizeof(nvmlProcessInfo_t));
  for (unsigned int i = 0; i < n; i++) {
    word(list, (int)i, item, sizeof item);
    char *colon = strchr(item, ':');
    nvmlProcessInfo_t *info = (nvmlProcessInfo_t *)((char *)infos + i * stride);
    info->pid = (unsigned int)strtoul(item, NULL, 10);
    info->usedGpuMemory = colon != NULL ? strtoull(colon + 1, NULL, 10) : 0;
    info->gpuInstanceId = 0xFFFFFFFFu;
    info->computeInstanceId = 0xFFFFFFFFu;
    char *colon2 = colon != NULL ? strchr(colon + 1, ':') : NULL;
    if (colon2 != NULL) {
      info->gpuInstanceId = (unsigned int)strtoul(colon2 + 1, NULL, 10);
      char *colon3 = strchr(colon2 + 1, ':');
      if (colon3 != NULL) info->computeInstanceId = (unsigned int)strtoul(colon3 + 1, NULL, 10);
    }
  }
  *count = n;
  return leave(NVML_SUCCESS);
}
#endif
