/*
 * softmem-native: the native reference for softmem's `latency` and `bandwidth` experiments.
 *
 * softmem compiles this file at run time (`cc -O2 -fno-tree-loop-distribute-patterns`, see
 * src/experiments/native/native-program.ts) and runs the SAME kernels as the JavaScript side:
 *
 *   - latency: a pointer chase `p = next[p]` over a uint32 array, one 64-byte line per node
 *     (index stride 16), through the same cyclic permutation the JS side builds: splitmix32
 *     seeding + xoshiro128** + unbiased `below()` exactly as src/util/random.ts, Sattolo's
 *     algorithm exactly as src/experiments/latency/permutation.ts.
 *   - bandwidth: read (sum, 4 independent accumulators), write (fill loop), copy and triad
 *     over arrays of doubles, with the same working-set split and byte counting as
 *     src/experiments/bandwidth/kernels.ts.
 *
 * Timing follows the JS harness: grow the batch until one sample lasts >= min-sample-ns,
 * (latency) keep chasing until the point's warm-up time has passed, then take `samples`
 * samples and print min and median per operation. Output is one JSON object on stdout.
 *
 * Usage:
 *   softmem-native latency   <variant[,variant]> <seed> <pageBytes> <minSampleNs> <samples> <bytes>[:<warmupMs>]...
 *                            (variants: random, page-local; warm-up 0 ms when not given)
 *   softmem-native bandwidth <kernel[,kernel]> <minSampleNs> <samples> <bytes>...
 *                            (kernels: read, write, copy, triad)
 *   softmem-native permutation <random|page-local> <seed> <pageBytes> <bytes>
 *   softmem-native random <seed> <bound> <count>
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_BYTES 64
#define LINE_WORDS (LINE_BYTES / 4)
#define MAX_SAMPLES 1000

/* ---- xoshiro128** seeded by splitmix32: bit-for-bit the same as src/util/random.ts ---- */

typedef struct {
  uint32_t a, b, c, d;
} random_t;

static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t splitmix32(uint32_t *s) {
  *s += 0x9e3779b9u;
  uint32_t z = *s;
  z = (z ^ (z >> 16)) * 0x85ebca6bu;
  z = (z ^ (z >> 13)) * 0xc2b2ae35u;
  return z ^ (z >> 16);
}

static void random_init(random_t *r, uint32_t seed) {
  uint32_t s = seed;
  r->a = splitmix32(&s);
  r->b = splitmix32(&s);
  r->c = splitmix32(&s);
  r->d = splitmix32(&s) | 1u;
}

static uint32_t random_next(random_t *r) {
  uint32_t result = rotl(r->b * 5u, 7) * 9u;
  uint32_t t = r->b << 9;
  r->c ^= r->a;
  r->d ^= r->b;
  r->b ^= r->c;
  r->a ^= r->d;
  r->c ^= t;
  r->d = rotl(r->d, 11);
  return result;
}

/* An unbiased integer in [0, bound): rejects draws above the largest multiple of bound. */
static uint32_t random_below(random_t *r, uint64_t bound) {
  if (bound <= 1) return 0;
  uint64_t limit = 4294967296ull - (4294967296ull % bound);
  uint64_t x = random_next(r);
  while (x >= limit) x = random_next(r);
  return (uint32_t)(x % bound);
}

/* ---- permutations: the same construction as src/experiments/latency/permutation.ts ---- */

/* Sattolo: a uniformly random cyclic permutation of 0..n-1 (successor[i] = next of i). */
static void sattolo(random_t *r, uint32_t *successor, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) successor[i] = i;
  for (uint32_t i = n - 1; i >= 1 && n > 1; i--) {
    uint32_t j = random_below(r, i);
    uint32_t tmp = successor[i];
    successor[i] = successor[j];
    successor[j] = tmp;
  }
}

/*
 * Fills `order` with the visiting order of all lines. random: follow one Sattolo cycle from
 * line 0. page-local: pages in the order of one Sattolo cycle over pages (from page 0), the
 * lines of each page in a Fisher-Yates shuffled order, drawn page by page as visited.
 */
static int visiting_order(const char *variant, uint32_t seed, uint32_t page_bytes, uint32_t lines,
                          uint32_t *order) {
  random_t r;
  random_init(&r, seed);
  if (strcmp(variant, "random") == 0) {
    uint32_t *successor = malloc(sizeof(uint32_t) * lines);
    if (!successor) return -1;
    sattolo(&r, successor, lines);
    uint32_t line = 0;
    for (uint32_t k = 0; k < lines; k++) {
      order[k] = line;
      line = successor[line];
    }
    free(successor);
    return 0;
  }
  if (strcmp(variant, "page-local") == 0) {
    uint32_t lines_per_page = page_bytes / LINE_BYTES;
    uint32_t pages = (lines + lines_per_page - 1) / lines_per_page;
    uint32_t *successor = malloc(sizeof(uint32_t) * pages);
    if (!successor) return -1;
    sattolo(&r, successor, pages);
    uint32_t page = 0, k = 0;
    for (uint32_t visited = 0; visited < pages; visited++) {
      uint32_t first = page * lines_per_page;
      uint32_t count = lines - first < lines_per_page ? lines - first : lines_per_page;
      for (uint32_t i = 0; i < count; i++) order[k + i] = first + i;
      for (uint32_t i = count - 1; i >= 1 && count > 1; i--) {
        uint32_t j = random_below(&r, (uint64_t)i + 1);
        uint32_t tmp = order[k + i];
        order[k + i] = order[k + j];
        order[k + j] = tmp;
      }
      k += count;
      page = successor[page];
    }
    free(successor);
    return 0;
  }
  return -1;
}

/* ---- timing ---- */

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int compare_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static double median(double *values, int n) {
  qsort(values, (size_t)n, sizeof(double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* ---- kernels: kept out of line so the compiler cannot fuse them with the timing loop ---- */

__attribute__((noinline)) static uint32_t chase(const uint32_t *next, uint32_t p, uint64_t steps) {
  for (uint64_t i = 0; i < steps; i++) p = next[p];
  return p;
}

/* Four accumulators, like the JS kernel (V8 spilled with eight: slower, see kernels.ts). */
__attribute__((noinline)) static double read_sum(const double *a, size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; i++) s0 += a[i];
  return (s0 + s1) + (s2 + s3);
}

__attribute__((noinline)) static void write_fill(double *a, size_t n, double value) {
  for (size_t i = 0; i < n; i++) a[i] = value;
}

__attribute__((noinline)) static void copy(double *a, const double *b, size_t n) {
  for (size_t i = 0; i < n; i++) a[i] = b[i];
}

__attribute__((noinline)) static void triad(double *a, const double *b, const double *c, size_t n,
                                            double s) {
  for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

/* ---- commands ---- */

static const char *FLAGS =
#ifdef SOFTMEM_FLAGS
    SOFTMEM_FLAGS
#else
    "unknown"
#endif
    ;

/* Splits a comma-separated list in place; returns the number of names (at most max). */
static int split_names(char *list, char **names, int max) {
  int count = 0;
  for (char *name = strtok(list, ","); name && count < max; name = strtok(NULL, ",")) names[count++] = name;
  return count;
}

/*
 * Measures one chase: calibrates the batch (this also warms caches and TLBs), chases on until
 * `warmup_ms` have passed since the start (as the JS harness's minimum warm-up: building the
 * chase leaves the last-level cache full of dirty lines, whose write-backs slow the first
 * misses), then samples.
 */
static void measure_chase(const uint32_t *next, double min_sample_ns, int samples, double warmup_ms,
                          double *best_out, double *median_out, uint64_t *steps_out, uint32_t *sink) {
  uint32_t p = 0;
  uint64_t steps = 64;
  double warm_until = now_ns() + warmup_ms * 1e6;
  for (;;) {
    double start = now_ns();
    p = chase(next, p, steps);
    double elapsed = now_ns() - start;
    if (elapsed >= min_sample_ns || steps >= (1ull << 40)) break;
    steps *= 2;
  }
  while (now_ns() < warm_until) p = chase(next, p, steps);
  double per_access[MAX_SAMPLES];
  for (int k = 0; k < samples; k++) {
    double start = now_ns();
    p = chase(next, p, steps);
    per_access[k] = (now_ns() - start) / (double)steps;
  }
  double best = per_access[0];
  for (int k = 1; k < samples; k++) best = per_access[k] < best ? per_access[k] : best;
  *best_out = best;
  *median_out = median(per_access, samples);
  *steps_out = steps;
  *sink = p;
}

/* latency <variant[,variant]> <seed> <pageBytes> <minSampleNs> <samples> <bytes>[:<warmupMs>]... */
static int command_latency(int argc, char **argv) {
  if (argc < 6) return 2;
  char *variants[4];
  int variant_count = split_names(argv[0], variants, 4);
  uint32_t seed = (uint32_t)strtoul(argv[1], NULL, 10);
  uint32_t page_bytes = (uint32_t)strtoul(argv[2], NULL, 10);
  double min_sample_ns = strtod(argv[3], NULL);
  int samples = atoi(argv[4]);
  if (variant_count < 1 || samples < 1 || samples > MAX_SAMPLES || page_bytes < LINE_BYTES) return 2;
  for (int v = 0; v < variant_count; v++)
    if (strcmp(variants[v], "random") != 0 && strcmp(variants[v], "page-local") != 0) return 2;
  /* One arena for every working set, like the JS side: pages are faulted in once. */
  uint64_t max_bytes = 0;
  for (int s = 5; s < argc; s++) {
    uint64_t bytes = strtoull(argv[s], NULL, 10);
    if (bytes / LINE_BYTES < 1) return 2;
    max_bytes = bytes > max_bytes ? bytes : max_bytes;
  }
  uint32_t *next = calloc((size_t)(max_bytes / LINE_BYTES) * LINE_WORDS, sizeof(uint32_t));
  uint32_t *order = malloc(sizeof(uint32_t) * (size_t)(max_bytes / LINE_BYTES));
  if (!next || !order) return 3;
  printf("{\"kind\":\"latency\",\"flags\":\"%s\",\"points\":[", FLAGS);
  int first = 1;
  for (int v = 0; v < variant_count; v++) {
    for (int s = 5; s < argc; s++) {
      char *rest;
      uint64_t bytes = strtoull(argv[s], &rest, 10);
      double warmup_ms = *rest == ':' ? strtod(rest + 1, NULL) : 0;
      uint32_t lines = (uint32_t)(bytes / LINE_BYTES);
      if (strcmp(variants[v], "random") == 0) {
        /* Straight from the successors (sequential writes), as buildChase does. */
        random_t r;
        random_init(&r, seed);
        sattolo(&r, order, lines);
        for (uint32_t line = 0; line < lines; line++) next[line * LINE_WORDS] = order[line] * LINE_WORDS;
      } else {
        visiting_order(variants[v], seed, page_bytes, lines, order);
        for (uint32_t k = 0; k < lines; k++) next[order[k] * LINE_WORDS] = order[(k + 1) % lines] * LINE_WORDS;
      }
      double best, mid;
      uint64_t steps;
      uint32_t sink;
      measure_chase(next, min_sample_ns, samples, warmup_ms, &best, &mid, &steps, &sink);
      printf("%s{\"variant\":\"%s\",\"workingSetBytes\":%llu,\"accessesPerSample\":%llu,\"nsPerAccessMin\":%.6g,"
             "\"nsPerAccessMedian\":%.6g,\"sink\":%u}",
             first ? "" : ",", variants[v], (unsigned long long)bytes, (unsigned long long)steps, best, mid, sink);
      first = 0;
    }
  }
  free(next);
  free(order);
  printf("]}\n");
  return 0;
}

/* Runs `passes` passes of one bandwidth kernel; returns a value derived from the data. */
static double run_bandwidth(int kernel, double *a, double *b, double *c, size_t n, uint64_t passes) {
  double sink = 0;
  for (uint64_t k = 0; k < passes; k++) {
    switch (kernel) {
    case 0: sink += read_sum(a, n); break;
    case 1: write_fill(a, n, (double)(k & 7) + 0.5); sink += a[k % n]; break;
    case 2: copy(a, b, n); sink += a[k % n]; break;
    default: triad(a, b, c, n, 1.5); sink += a[k % n]; break;
    }
  }
  return sink;
}

/* bandwidth <kernel[,kernel]> <minSampleNs> <samples> <bytes>... */
static int command_bandwidth(int argc, char **argv) {
  if (argc < 4) return 2;
  const char *known[] = {"read", "write", "copy", "triad"};
  const int arrays[] = {1, 1, 2, 3};
  char *names[8];
  int kernels[8];
  int kernel_count = split_names(argv[0], names, 8);
  if (kernel_count < 1) return 2;
  for (int k = 0; k < kernel_count; k++) {
    kernels[k] = -1;
    for (int j = 0; j < 4; j++)
      if (strcmp(names[k], known[j]) == 0) kernels[k] = j;
    if (kernels[k] < 0) return 2;
  }
  double min_sample_ns = strtod(argv[1], NULL);
  int samples = atoi(argv[2]);
  if (samples < 1 || samples > MAX_SAMPLES) return 2;
  /* Same split as kernels.ts: the working set is shared by the kernel's arrays, each a whole
   * number of 64-byte lines (8 doubles). One allocation for all sizes and kernels (as in JS). */
  uint64_t max_bytes = 0;
  for (int s = 3; s < argc; s++) {
    uint64_t bytes = strtoull(argv[s], NULL, 10);
    if (bytes < 3 * 64) return 2;
    max_bytes = bytes > max_bytes ? bytes : max_bytes;
  }
  size_t max_n = (size_t)(max_bytes / 8);
  double *a = malloc(max_n * sizeof(double)), *b = malloc((max_n / 2 + 8) * sizeof(double)),
         *c = malloc((max_n / 3 + 8) * sizeof(double));
  if (!a || !b || !c) return 3;
  printf("{\"kind\":\"bandwidth\",\"flags\":\"%s\",\"points\":[", FLAGS);
  int first = 1;
  for (int k = 0; k < kernel_count; k++) {
    int kernel = kernels[k];
    for (int s = 3; s < argc; s++) {
      uint64_t bytes = strtoull(argv[s], NULL, 10);
      size_t n = (size_t)(bytes / 8 / (uint64_t)arrays[kernel]) / 8 * 8;
      for (size_t i = 0; i < n; i++) {
        a[i] = (double)(i & 1023);
        if (arrays[kernel] >= 2) b[i] = (double)(i & 511);
        if (arrays[kernel] >= 3) c[i] = (double)(i & 255);
      }
      double sink = 0;
      uint64_t passes = 1;
      for (;;) {
        double start = now_ns();
        sink += run_bandwidth(kernel, a, b, c, n, passes);
        double elapsed = now_ns() - start;
        if (elapsed >= min_sample_ns || passes >= (1ull << 40)) break;
        passes *= 2;
      }
      double per_pass[MAX_SAMPLES];
      for (int r = 0; r < samples; r++) {
        double start = now_ns();
        sink += run_bandwidth(kernel, a, b, c, n, passes);
        per_pass[r] = (now_ns() - start) / (double)passes;
      }
      double best = per_pass[0];
      for (int r = 1; r < samples; r++) best = per_pass[r] < best ? per_pass[r] : best;
      printf("%s{\"kernel\":\"%s\",\"workingSetBytes\":%llu,\"elements\":%llu,\"passesPerSample\":%llu,"
             "\"nsPerPassMin\":%.6g,\"nsPerPassMedian\":%.6g,\"sink\":%.17g}",
             first ? "" : ",", known[kernel], (unsigned long long)bytes, (unsigned long long)n,
             (unsigned long long)passes, best, median(per_pass, samples), sink);
      first = 0;
    }
  }
  free(a);
  free(b);
  free(c);
  printf("]}\n");
  return 0;
}

/* Prints the successor (in lines) of every line, for tests comparing with the JS build. */
static int command_permutation(int argc, char **argv) {
  if (argc < 4) return 2;
  uint32_t seed = (uint32_t)strtoul(argv[1], NULL, 10);
  uint32_t page_bytes = (uint32_t)strtoul(argv[2], NULL, 10);
  uint32_t lines = (uint32_t)(strtoull(argv[3], NULL, 10) / LINE_BYTES);
  if (lines < 1 || page_bytes < LINE_BYTES) return 2;
  uint32_t *order = malloc(sizeof(uint32_t) * lines), *successor = malloc(sizeof(uint32_t) * lines);
  if (!order || !successor) return 3;
  if (visiting_order(argv[0], seed, page_bytes, lines, order) != 0) return 2;
  for (uint32_t k = 0; k < lines; k++) successor[order[k]] = order[(k + 1) % lines];
  printf("{\"kind\":\"permutation\",\"successorLines\":[");
  for (uint32_t k = 0; k < lines; k++) printf("%s%u", k ? "," : "", successor[k]);
  printf("]}\n");
  free(order);
  free(successor);
  return 0;
}

/* Prints `count` draws of below(bound), for tests comparing the PRNG with src/util/random.ts. */
static int command_random(int argc, char **argv) {
  if (argc < 3) return 2;
  random_t r;
  random_init(&r, (uint32_t)strtoul(argv[0], NULL, 10));
  uint64_t bound = strtoull(argv[1], NULL, 10);
  int count = atoi(argv[2]);
  printf("{\"kind\":\"random\",\"values\":[");
  for (int k = 0; k < count; k++) printf("%s%u", k ? "," : "", random_below(&r, bound));
  printf("]}\n");
  return 0;
}

int main(int argc, char **argv) {
  int status = 2;
  if (argc >= 2 && strcmp(argv[1], "latency") == 0) status = command_latency(argc - 2, argv + 2);
  else if (argc >= 2 && strcmp(argv[1], "bandwidth") == 0) status = command_bandwidth(argc - 2, argv + 2);
  else if (argc >= 2 && strcmp(argv[1], "permutation") == 0) status = command_permutation(argc - 2, argv + 2);
  else if (argc >= 2 && strcmp(argv[1], "random") == 0) status = command_random(argc - 2, argv + 2);
  if (status == 2) fprintf(stderr, "softmem-native: bad arguments (see the usage comment in softmem-native.c)\n");
  if (status == 3) fprintf(stderr, "softmem-native: out of memory\n");
  return status;
}
