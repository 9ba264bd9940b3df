/* Times a command for the benchmarks: runs it RUNS times (standard output to
 * /dev/null, or the last run's to FILE) and prints the median and minimum wall
 * time in milliseconds and the largest peak RSS in KiB, from wait4(2), so that
 * no shell or time(1) process is counted.
 *
 *   runstat [-n RUNS] [-o FILE] [-x CODE]... -- COMMAND [ARGS...]
 *
 * Exits 1 if any run ends with a status other than 0 or an -x CODE.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

static int usage(void) {
  fprintf(stderr, "usage: runstat [-n RUNS] [-o FILE] [-x CODE]... -- COMMAND [ARGS...]\n");
  return 2;
}

int main(int argc, char** argv) {
  int runs = 1, allowed[16] = {0}, n_allowed = 1, i, opt;
  const char* out = NULL;
  double* times;
  long rss = 0;
  while ((opt = getopt(argc, argv, "+n:o:x:")) != -1) {
    if (opt == 'n')
      runs = atoi(optarg);
    else if (opt == 'o')
      out = optarg;
    else if (opt == 'x' && n_allowed < 16)
      allowed[n_allowed++] = atoi(optarg);
    else
      return usage();
  }
  if (optind >= argc || runs < 1) return usage();
  times = calloc((size_t)runs, sizeof *times);
  for (i = 0; i < runs; ++i) {
    const int last = i == runs - 1;
    struct rusage ru;
    int status, ok = 0, j;
    const double start = now_ms();
    const pid_t pid = fork();
    if (pid < 0) {
      perror("runstat: fork");
      return 1;
    }
    if (pid == 0) {
      const int fd =
          last && out ? open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644) : open("/dev/null", O_WRONLY);
      if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) _exit(127);
      close(fd);
      execvp(argv[optind], argv + optind);
      perror("runstat: exec");
      _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
      perror("runstat: wait");
      return 1;
    }
    times[i] = now_ms() - start;
    if (ru.ru_maxrss > rss) rss = ru.ru_maxrss;
    for (j = 0; j < n_allowed; ++j)
      ok |= WIFEXITED(status) && WEXITSTATUS(status) == allowed[j];
    if (!ok) {
      fprintf(stderr, "runstat: %s exited with status %d\n", argv[optind],
              WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
      return 1;
    }
  }
  qsort(times, (size_t)runs, sizeof *times, by_value);
  printf("%.3f %.3f %ld\n", times[runs / 2], times[0], rss);
  free(times);
  return 0;
}
