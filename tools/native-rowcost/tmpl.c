#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
DECL
static long long now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
static double G;
static double ghz(){double b=0;for(int k=0;k<25;k++){long n=250000,x=0;long long t0=now();__asm__ volatile("1: add $1,%0\n add $1,%0\n add $1,%0\n add $1,%0\n sub $1,%1\n jnz 1b":"+r"(x),"+r"(n));double g=4.0*250000/(now()-t0);if(g>b)b=g;}return b;}
static void map(unsigned long a, long n){ void*p=mmap((void*)a,(n+4095)/4096*4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE,-1,0); if(p!=(void*)a){perror("map");} memset(p,0x55,n);}
static void run(const char*name, void(*f)(void), int T){ double best=1e99; for(int r=0;r<1001;r++){long long t0=now(); f(); double t=now()-t0; if(t<best)best=t;} double c=best*G; printf("%-22s %7.0f cycles  %6.1f /row  %6.2f /block\n",name,c,c/32,c/32/(T<0?-T:T));}
int main(){ map(0x100000000,1<<20); map(0x200000000,1<<16); map(0x300000000,16); map(0x300010000,64); map(0x400000000,4096);
 *(int*)0x300000000=0; *(float*)0x300000004=1.0f; *(float*)(0x100002800UL)=1.0f;
 memset((void*)0x300010000,3,32); G=ghz(); printf("clock %.2f GHz\n",G);
 CALLS  G=ghz(); printf("clock after %.2f GHz\n",G); return 0; }
