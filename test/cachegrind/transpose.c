/* Matrix transpose: read row-major, write column-major (each write on a new line). */
#define SIZE 128
static double a[SIZE][SIZE];
static double b[SIZE][SIZE];

int main(void) {
  for (int i = 0; i < SIZE; i++)
    for (int j = 0; j < SIZE; j++) a[i][j] = i * SIZE + j;
  for (int i = 0; i < SIZE; i++)
    for (int j = 0; j < SIZE; j++) b[j][i] = a[i][j];
  return b[3][5] == 42.0 ? 1 : 0;
}
