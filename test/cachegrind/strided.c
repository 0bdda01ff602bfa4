/* Strided: touch one int per 64-byte line, then per 4 KiB page, over 256 KiB, several passes
   (conflict misses in a low-associativity cache). */
#define BYTES (256 * 1024)
static char data[BYTES];

int main(void) {
  long sum = 0;
  for (int pass = 0; pass < 4; pass++) {
    for (int i = 0; i < BYTES; i += 64) sum += data[i];
    for (int i = 0; i < BYTES; i += 4096) data[i] = (char)pass;
  }
  return sum == 42 ? 1 : 0;
}
