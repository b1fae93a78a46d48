#include <stdio.h>
#include <time.h>
void l_vpaddd(void),l_add(void),l_imul(void),l_div(void),l_xdom(void),l_epi(void);
static long long now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
static double G;
static double ghz(){double b=0;for(int k=0;k<25;k++){long n=250000,x=0;long long t0=now();__asm__ volatile("1: add $1,%0\n add $1,%0\n add $1,%0\n add $1,%0\n sub $1,%1\n jnz 1b":"+r"(x),"+r"(n));double g=4.0*250000/(now()-t0);if(g>b)b=g;}return b;}
static void run(const char*name, void(*f)(void)){ double best=1e99; for(int r=0;r<101;r++){long long t0=now(); f(); double t=now()-t0; if(t<best)best=t;} printf("%-30s %6.2f cycles\n",name,best*G/10000);}
int main(){G=ghz(); run("vpaddd xmm",l_vpaddd); run("add r,r",l_add); run("imul r,r",l_imul); run("vdivss",l_div); run("vmovd r<-x, vmovd x<-r",l_xdom); run("i2_s epilogue chain (w/o store)",l_epi); return 0;}
