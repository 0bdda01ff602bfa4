/* Unaligned: 8-byte loads and stores that start 4 bytes before a line boundary, so that every
   access spans two cache lines; 16-byte copies across boundaries too. */
#include <stdint.h>
#include <string.h>
#define BYTES (64 * 1024)
static unsigned char data[BYTES + 64] __attribute__((aligned(64)));

int main(void) {
  uint64_t sum = 0;
  for (int pass = 0; pass < 3; pass++) {
    for (int line = 1; line < BYTES / 64; line++) {
      uint64_t value;
      memcpy(&value, data + line * 64 - 4, sizeof value);
      sum += value;
      value += (uint64_t)line;
      memcpy(data + line * 64 - 4 + 32 * (pass & 1), &value, sizeof value);
    }
  }
  return sum == 42u ? 1 : 0;
}
