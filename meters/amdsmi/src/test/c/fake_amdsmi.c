/*
 * A programmable stand-in for libamd_smi.so (ROCm's AMD SMI library), for Ergon's tests only. Never shipped, never
 * loaded by production code unless a test points ergon.amdsmi.library at it.
 *
 * Signatures, status codes and units follow include/amd_smi/amdsmi.h: the energy accumulator counts ticks of
 * counter_resolution µJ, power in W, power caps in µW, handles are opaque pointers. Two struct layouts exist for
 * amdsmi_version_t and amdsmi_power_info_t: amdsmi 24.x (version {year, major, minor, release, build}; power info
 * {current_socket_power, average_socket_power, ... as uint32}) and amdsmi 25.x and later (version {major, minor,
 * release, build}; power info {uint64 socket_power, uint32 current, uint32 average, uint64 voltages, ...}).
 *
 * Programming: a control file of "key = value" lines ('#' starts a comment), re-read on every call. Its path is
 * $FAKE_AMDSMI_CONTROL, else "fake-amdsmi.control" next to this library file. Every exported call is appended to a
 * call log: $FAKE_AMDSMI_LOG, else "fake-amdsmi.calls" next to this library, "<symbol>" or "<symbol> <gpu index>".
 *
 * Keys (N is a GPU index, 0-based; defaults in brackets):
 *   gpus = count of GPUs, one socket each [0]
 *   layout = 24 or 25: the struct layouts and the version amdsmi_get_lib_version reports [25]
 *   ret.<fn> = status injected into amdsmi_init / amdsmi_get_socket_handles / amdsmi_shut_down [0]
 *   clock_ns = a manual clock in ns; when absent the clock is CLOCK_MONOTONIC (as Java's System.nanoTime)
 *   gpu.N.type = processor_type_t [1 = AMDSMI_PROCESSOR_TYPE_AMD_GPU]
 *   gpu.N.uuid [NNNNNNNN-0000-1000-8000-000000000000 with N the index]
 *   gpu.N.bdf = "domain:bus:device.function" in hex [0000:(c1+N):00.0]
 *   gpu.N.energy = 1 if amdsmi_get_energy_count is supported [1]
 *   gpu.N.energy_ticks = accumulator offset in ticks (unsigned 64-bit, wraps), added to the trace's integral [0]
 *   gpu.N.resolution_uj = counter_resolution in µJ [15.259022]
 *   gpu.N.power_supported = 1 if amdsmi_get_power_info is supported [1]
 *   gpu.N.power = power trace "t_ms:mW t_ms:mW ...", piecewise linear, constant outside its ends [0 mW];
 *       amdsmi_get_power_info reports it in whole W
 *   gpu.N.current_unsupported = 1: layout 24 marks current_socket_power unsupported (0xFFFF), as on MI200 [0]
 *   gpu.N.socket_power_field = 0: layout 25 leaves socket_power at 0, filling current_socket_power only [1]
 *   gpu.N.max_cap_uw = max_power_cap of amdsmi_get_power_cap_info [750000000]
 *   gpu.N.lost_at_call = from this device call on (1-based, counting calls that take this GPU's handle), every
 *       call on the GPU returns AMDSMI_STATUS_NOT_FOUND, as amdsmi does for a GPU gone from the bus [never]
 *   gpu.N.ret.<fn> = status injected into calls of <fn> on GPU N [0]
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define API __attribute__((visibility("default")))

typedef int amdsmi_status_t;
typedef void *amdsmi_processor_handle;
typedef void *amdsmi_socket_handle;

enum {
  AMDSMI_STATUS_SUCCESS = 0,
  AMDSMI_STATUS_INVAL = 1,
  AMDSMI_STATUS_NOT_SUPPORTED = 2,
  AMDSMI_STATUS_NOT_FOUND = 31,
  AMDSMI_STATUS_NOT_INIT = 32,
  AMDSMI_STATUS_INSUFFICIENT_SIZE = 41
};

#define AMDSMI_INIT_AMD_GPUS (1 << 1)
#define MAX_GPUS 16
#define MAX_PAIRS 1024
#define MAX_TRACE 4096

struct gpu_st {
  int gpu;
};
struct socket_st {
  int socket;
};

typedef struct { /* amdsmi 24.x */
  uint32_t year, major, minor, release;
  const char *build;
} version24_t;
typedef struct { /* amdsmi 25.x and later */
  uint32_t major, minor, release;
  const char *build;
} version25_t;
typedef struct { /* amdsmi 24.x */
  uint32_t current_socket_power, average_socket_power, gfx_voltage, soc_voltage, mem_voltage, power_limit;
  uint32_t reserved[11];
} power24_t;
typedef struct { /* amdsmi 25.x and later */
  uint64_t socket_power;
  uint32_t current_socket_power, average_socket_power;
  uint64_t gfx_voltage, soc_voltage, mem_voltage;
  uint32_t power_limit;
  uint64_t reserved[18];
} power25_t;
typedef struct {
  uint64_t power_cap, default_power_cap, dpm_cap, min_power_cap, max_power_cap, reserved[3];
} power_cap_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct gpu_st gpus[MAX_GPUS];
static struct socket_st sockets[MAX_GPUS];
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
  sibling_path(path, sizeof path, "FAKE_AMDSMI_CONTROL", "fake-amdsmi.control");
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
  sibling_path(path, sizeof path, "FAKE_AMDSMI_LOG", "fake-amdsmi.calls");
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

static int gpu_of(amdsmi_processor_handle handle) {
  for (int i = 0; i < gpu_count(); i++) {
    if (handle == &gpus[i]) return i;
  }
  return -1;
}

static int layout(void) { return (int)ctl_ll(25, "layout"); }

/* Locks, re-reads the control file, logs and checks a call on a GPU handle. Unlocks on failure. */
static amdsmi_status_t enter_device(const char *symbol, amdsmi_processor_handle handle, int *gpu) {
  pthread_mutex_lock(&lock);
  reload_control();
  *gpu = gpu_of(handle);
  log_call(symbol, *gpu);
  amdsmi_status_t rc = AMDSMI_STATUS_SUCCESS;
  if (init_count == 0) {
    rc = AMDSMI_STATUS_NOT_INIT;
  } else if (*gpu < 0) {
    rc = AMDSMI_STATUS_INVAL;
  } else {
    long long lost = ctl_ll(0, "gpu.%d.lost_at_call", *gpu);
    device_calls[*gpu]++;
    if (lost > 0 && device_calls[*gpu] >= lost) {
      rc = AMDSMI_STATUS_NOT_FOUND;
    } else {
      rc = (amdsmi_status_t)ctl_ll(0, "gpu.%d.ret.%s", *gpu, symbol);
    }
  }
  if (rc != AMDSMI_STATUS_SUCCESS) {
    pthread_mutex_unlock(&lock);
  }
  return rc;
}

static amdsmi_status_t leave(amdsmi_status_t rc) {
  pthread_mutex_unlock(&lock);
  return rc;
}

/* ---- library ------------------------------------------------------------------------------------------------ */

API amdsmi_status_t amdsmi_init(uint64_t flags) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("amdsmi_init", -1);
  if ((flags & AMDSMI_INIT_AMD_GPUS) == 0) return leave(AMDSMI_STATUS_INVAL);
  amdsmi_status_t rc = (amdsmi_status_t)ctl_ll(0, "ret.amdsmi_init");
  if (rc == AMDSMI_STATUS_SUCCESS) {
    for (int i = 0; i < MAX_GPUS; i++) {
      gpus[i].gpu = i;
      sockets[i].socket = i;
    }
    init_count++;
  }
  return leave(rc);
}

API amdsmi_status_t amdsmi_shut_down(void) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("amdsmi_shut_down", -1);
  if (init_count == 0) return leave(AMDSMI_STATUS_NOT_INIT);
  init_count--;
  return leave((amdsmi_status_t)ctl_ll(0, "ret.amdsmi_shut_down"));
}

API amdsmi_status_t amdsmi_status_code_to_string(amdsmi_status_t status, const char **text) {
  if (text == NULL) return AMDSMI_STATUS_INVAL;
  switch (status) {
    case 0: *text = "AMDSMI_STATUS_SUCCESS: Call succeeded"; break;
    case 2: *text = "AMDSMI_STATUS_NOT_SUPPORTED: Command not supported"; break;
    case 10: *text = "AMDSMI_STATUS_NO_PERM: Permission Denied"; break;
    case 31: *text = "AMDSMI_STATUS_NOT_FOUND: Device Not found"; break;
    case 34: *text = "AMDSMI_STATUS_DRIVER_NOT_LOADED: Processor driver not loaded"; break;
    default: *text = "An unknown error occurred"; break;
  }
  return AMDSMI_STATUS_SUCCESS;
}

API amdsmi_status_t amdsmi_get_lib_version(void *version) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("amdsmi_get_lib_version", -1);
  if (version == NULL) return leave(AMDSMI_STATUS_INVAL);
  if (layout() == 24) {
    version24_t v = {24, 7, 0, 0, "24.7.0.0-fake"};
    memcpy(version, &v, sizeof v);
  } else {
    version25_t v = {(uint32_t)layout(), 3, 0, "25.3.0-fake"};
    memcpy(version, &v, sizeof v);
  }
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_socket_handles(uint32_t *count, amdsmi_socket_handle *handles) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("amdsmi_get_socket_handles", -1);
  if (init_count == 0) return leave(AMDSMI_STATUS_NOT_INIT);
  if (count == NULL) return leave(AMDSMI_STATUS_INVAL);
  amdsmi_status_t rc = (amdsmi_status_t)ctl_ll(0, "ret.amdsmi_get_socket_handles");
  if (rc != AMDSMI_STATUS_SUCCESS) return leave(rc);
  uint32_t n = (uint32_t)gpu_count();
  if (handles == NULL) {
    *count = n;
    return leave(AMDSMI_STATUS_SUCCESS);
  }
  uint32_t written = *count < n ? *count : n;
  for (uint32_t i = 0; i < written; i++) handles[i] = &sockets[i];
  *count = written;
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_processor_handles(amdsmi_socket_handle socket, uint32_t *count,
                                                 amdsmi_processor_handle *handles) {
  pthread_mutex_lock(&lock);
  reload_control();
  log_call("amdsmi_get_processor_handles", -1);
  if (init_count == 0) return leave(AMDSMI_STATUS_NOT_INIT);
  int s = -1;
  for (int i = 0; i < gpu_count(); i++) {
    if (socket == &sockets[i]) s = i;
  }
  if (s < 0 || count == NULL) return leave(AMDSMI_STATUS_INVAL);
  if (handles == NULL) {
    *count = 1;
    return leave(AMDSMI_STATUS_SUCCESS);
  }
  if (*count < 1) return leave(AMDSMI_STATUS_INSUFFICIENT_SIZE);
  handles[0] = &gpus[s];
  *count = 1;
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_processor_type(amdsmi_processor_handle handle, int *type) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_processor_type", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (type == NULL) return leave(AMDSMI_STATUS_INVAL);
  *type = (int)ctl_ll(1, "gpu.%d.type", gpu);
  return leave(AMDSMI_STATUS_SUCCESS);
}

/* ---- identity ------------------------------------------------------------------------------------------------ */

API amdsmi_status_t amdsmi_get_gpu_device_uuid(amdsmi_processor_handle handle, unsigned int *length, char *uuid) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_gpu_device_uuid", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (length == NULL || uuid == NULL) return leave(AMDSMI_STATUS_INVAL);
  char scratch[64];
  const char *v = ctl("gpu.%d.uuid", gpu);
  if (v == NULL) {
    snprintf(scratch, sizeof scratch, "%08d-0000-1000-8000-000000000000", gpu);
    v = scratch;
  }
  if (*length < 38 || strlen(v) + 1 > *length) return leave(AMDSMI_STATUS_INSUFFICIENT_SIZE);
  memcpy(uuid, v, strlen(v) + 1);
  *length = (unsigned int)strlen(v);
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_gpu_device_bdf(amdsmi_processor_handle handle, uint64_t *bdf) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_gpu_device_bdf", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (bdf == NULL) return leave(AMDSMI_STATUS_INVAL);
  unsigned int domain = 0, bus = 0xc1 + (unsigned int)gpu, device = 0, function = 0;
  const char *v = ctl("gpu.%d.bdf", gpu);
  if (v != NULL && sscanf(v, "%x:%x:%x.%x", &domain, &bus, &device, &function) != 4) {
    return leave(AMDSMI_STATUS_INVAL);
  }
  /* function 3 bits, device 5, bus 8, domain 48 (amdsmi_bdf_t) */
  *bdf = (uint64_t)(function & 7) | ((uint64_t)(device & 31) << 3) | ((uint64_t)(bus & 255) << 8)
      | ((uint64_t)domain << 16);
  return leave(AMDSMI_STATUS_SUCCESS);
}

/* ---- energy and power --------------------------------------------------------------------------------------- */

API amdsmi_status_t amdsmi_get_energy_count(amdsmi_processor_handle handle, uint64_t *energy, float *resolution,
                                            uint64_t *timestamp) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_energy_count", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (!ctl_ll(1, "gpu.%d.energy", gpu)) return leave(AMDSMI_STATUS_NOT_SUPPORTED);
  if (energy == NULL || resolution == NULL || timestamp == NULL) return leave(AMDSMI_STATUS_INVAL);
  const char *r = ctl("gpu.%d.resolution_uj", gpu);
  float res = r == NULL ? 15.259022f : strtof(r, NULL);
  static double t[MAX_TRACE], p[MAX_TRACE];
  int n = read_trace(gpu, t, p);
  double uj = energy_to(t, p, n, trace_time_s()) * 1000.0; /* mJ -> µJ */
  const char *offset = ctl("gpu.%d.energy_ticks", gpu);
  uint64_t base = offset == NULL ? 0 : strtoull(offset, NULL, 10);
  *energy = base + (uint64_t)(uj / (double)res); /* unsigned: wraps at 2^64 as the accumulator does */
  *resolution = res;
  *timestamp = (uint64_t)now_ns();
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_power_info(amdsmi_processor_handle handle, void *info) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_power_info", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (!ctl_ll(1, "gpu.%d.power_supported", gpu)) return leave(AMDSMI_STATUS_NOT_SUPPORTED);
  if (info == NULL) return leave(AMDSMI_STATUS_INVAL);
  static double t[MAX_TRACE], p[MAX_TRACE];
  int n = read_trace(gpu, t, p);
  uint32_t watts = (uint32_t)(power_at(t, p, n, trace_time_s()) / 1000.0 + 0.5);
  if (layout() == 24) {
    power24_t v;
    memset(&v, 0, sizeof v);
    /* MI200 and older fill only the average; the GPU metrics table marks the other field UINT16_MAX */
    v.current_socket_power = ctl_ll(0, "gpu.%d.current_unsupported", gpu) ? 0xFFFF : watts;
    v.average_socket_power = watts;
    v.power_limit = 750;
    memcpy(info, &v, sizeof v);
  } else {
    power25_t v;
    memset(&v, 0, sizeof v);
    v.socket_power = ctl_ll(1, "gpu.%d.socket_power_field", gpu) ? watts : 0;
    v.current_socket_power = watts;
    v.average_socket_power = UINT32_MAX; /* unsupported on MI300, as amdsmi marks it */
    v.power_limit = 750;
    memcpy(info, &v, sizeof v);
  }
  return leave(AMDSMI_STATUS_SUCCESS);
}

API amdsmi_status_t amdsmi_get_power_cap_info(amdsmi_processor_handle handle, uint32_t sensor, power_cap_t *info) {
  int gpu;
  amdsmi_status_t rc = enter_device("amdsmi_get_power_cap_info", handle, &gpu);
  if (rc != AMDSMI_STATUS_SUCCESS) return rc;
  if (info == NULL || sensor != 0) return leave(AMDSMI_STATUS_INVAL);
  memset(info, 0, sizeof *info);
  info->max_power_cap = (uint64_t)ctl_ll(750000000LL, "gpu.%d.max_cap_uw", gpu);
  info->power_cap = info->max_power_cap;
  info->default_power_cap = info->max_power_cap;
  return leave(AMDSMI_STATUS_SUCCESS);
}
