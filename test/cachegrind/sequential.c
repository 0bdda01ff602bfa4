/* Sequential: write then read a 64 KiB array front to back (one miss per line, streaming). */
#define N (16 * 1024)
static int data[N];

int main(void) {
  for (int i = 0; i < N; i++) data[i] = i;
  long sum = 0;
  for (int i = 0; i < N; i++) sum += data[i];
  return sum == 42 ? 1 : 0;
}
