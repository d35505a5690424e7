#!/usr/bin/env bash
# Shows why check-asan sets intercept_tls_get_addr=0 (see the Makefile): a
# dlopen'ed library's dynamic TLS block placed on a heap address that is 16
# mod 4096 makes GCC 12's LeakSanitizer tracer crash at exit, and with the
# option it does not; and a pointer kept only in dynamic TLS is still not
# reported as leaked with the option. Prints what it sees; exits 1 when the
# option is no longer needed or no longer safe, so a newer toolchain shows.
#
# Usage: build-aux/lsan-dtls-repro.sh [CC]
set -u
cc=${1:-cc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2

cat > tls-small.c <<'C'
__thread int tls_counter;
int *tls_counter_address (void) { return &tls_counter; }
C
cat > tls-pointer.c <<'C'
#include <stdlib.h>
__thread void *tls_pointer;
void tls_keep (void) { tls_pointer = malloc (100); }
C
cat > place.c <<'C'
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
static void *kept[100000];
int
main (void)
{
  void *lib = dlopen ("./libtls-small.so", RTLD_NOW);
  int *(*address) (void) = (int *(*) (void)) dlsym (lib, "tls_counter_address");
  int n = 0;
  /* Chunks of the block's size class come 32 bytes apart: stop one before
   * 16 mod 4096, so the block (malloc'ed by glibc on first touch) gets it. */
  do
    kept[n] = malloc (4);
  while ((uintptr_t) kept[n++] % 4096 != 4096 - 16);
  printf ("block at %% 4096 = %lu\n", (unsigned long) ((uintptr_t) address () % 4096));
  return 0;
}
C
cat > reach.c <<'C'
#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>
static void *
worker (void *lib)
{
  ((void (*) (void)) dlsym (lib, "tls_keep")) ();
  pause ();
  return NULL;
}
int
main (void)
{
  void *lib = dlopen ("./libtls-pointer.so", RTLD_NOW);
  pthread_t thread;
  ((void (*) (void)) dlsym (lib, "tls_keep")) ();
  pthread_create (&thread, NULL, worker, lib);
  usleep (100000);
  return 0;
}
C
$cc -shared -fPIC -o libtls-small.so tls-small.c &&
$cc -shared -fPIC -o libtls-pointer.so tls-pointer.c &&
$cc -fsanitize=address -g -o place place.c -ldl &&
$cc -fsanitize=address -g -o reach reach.c -ldl -lpthread || exit 2

status=0
ASAN_OPTIONS=detect_leaks=1 ./place > place.out 2>&1
if grep -q "Tracer caught signal" place.out; then
  echo "default options: the tracer crashes ($(grep -o 'Tracer caught signal [0-9]*' place.out))"
else
  echo "default options: no tracer crash: this runtime may not need intercept_tls_get_addr=0"
  status=1
fi
ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0 ./place > place.out 2>&1
if grep -q "Tracer caught signal" place.out; then
  echo "intercept_tls_get_addr=0: the tracer still crashes"
  status=1
else
  echo "intercept_tls_get_addr=0: no tracer crash"
fi
ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0 ./reach > reach.out 2>&1
if grep -q "ERROR: LeakSanitizer" reach.out; then
  echo "intercept_tls_get_addr=0: memory held only by dynamic TLS is reported as leaked"
  status=1
else
  echo "intercept_tls_get_addr=0: memory held only by dynamic TLS is still reached"
fi
exit $status
