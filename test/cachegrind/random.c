/* Random: reads and writes at pseudo-random indices of a 256 KiB array; a fixed-seed LCG keeps
   every run identical. */
#define N (64 * 1024)
static unsigned data[N];

int main(void) {
  unsigned state = 12345u;
  unsigned sum = 0;
  for (int i = 0; i < 25000; i++) {
    state = state * 1103515245u + 12345u;
    unsigned index = (state >> 8) % N;
    if (state & 0x10000u) data[index] += i;
    else sum += data[index];
  }
  return sum == 42u ? 1 : 0;
}
