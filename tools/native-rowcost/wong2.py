# Window probe after H. Wong: two independent pointer-chasing misses separated by N filler instructions of one kind;
# when the fillers no longer fit in some structure the misses stop overlapping. Usage: python3 wong2.py psetN.txt.
import sys
FILL = {
 'mix': lambda i: (f"    add r{12+i%3}, 1\n" if i%2 else f"    vpaddd ymm{2+i%8}, ymm14, ymm15\n"),
 'i2s': lambda i: '''    vmovdqu ymm2, ymmword ptr [rsp-1024]
    vpsrlw ymm3, ymm2, 6
    vpsrlw ymm4, ymm2, 4
    vpsrlw ymm5, ymm2, 2
    vpand ymm3, ymm3, ymm15
    vpand ymm4, ymm4, ymm15
    vpand ymm5, ymm5, ymm15
    vpand ymm2, ymm2, ymm15
    vmovdqu ymm6, ymmword ptr [rsp-768]
    vmovdqu ymm7, ymmword ptr [rsp-768+32]
    vmovdqu ymm8, ymmword ptr [rsp-768+64]
    vmovdqu ymm9, ymmword ptr [rsp-768+96]
    vpmaddubsw ymm3, ymm3, ymm6
    vpmaddubsw ymm4, ymm4, ymm7
    vpmaddubsw ymm5, ymm5, ymm8
    vpmaddubsw ymm2, ymm2, ymm9
    vpaddw ymm3, ymm3, ymm4
    vpaddw ymm5, ymm5, ymm2
    vpaddw ymm1, ymm1, ymm3
    vpaddw ymm1, ymm1, ymm5
    add rsi, 32
    add rdi, 128
''',
 'vdep': lambda i: f'    vpaddd ymm{2+i%8}, ymm0, ymm15\n',
 'xdep': lambda i: f'    vpaddd xmm{2+i%8}, xmm0, xmm15\n',
 'idep': lambda i: f'    lea r{[12,14,15][i%3]}, [r13+{i%7+1}]\n',
 'nop': lambda i: "    nop\n",
 'lea': lambda i: f"    lea r{12+i%3}, [r15+{i%7+1}]\n",
 'add': lambda i: f"    add r{12+i%3}, 1\n",
 'vadd': lambda i: f"    vpaddd xmm{2+i%8}, xmm14, xmm15\n",
 'vaddy': lambda i: f"    vpaddd ymm{2+i%8}, ymm14, ymm15\n",
 'vand': lambda i: f"    vpand ymm{2+i%8}, ymm14, ymm15\n",
 'vzero': lambda i: f"    vpxor xmm{2+i%8}, xmm{2+i%8}, xmm{2+i%8}\n",
 'ld': lambda i: f"    mov r{12+i%3}, qword ptr [rsp-{8+8*(i%4)}]\n",
 'vld': lambda i: f"    vmovdqu ymm{2+i%8}, ymmword ptr [rsp-{64+32*(i%4)}]\n",
 'vstore': lambda i: f"    vmovdqu ymmword ptr [rsp-{256+32*(i%4)}], ymm14\n",
 'st': lambda i: f"    mov qword ptr [rsp-{8+8*(i%4)}], r15\n",
}
names=[]
for line in open(sys.argv[1]):
    if not line.strip(): continue
    f, n = line.split(); n=int(n)
    nm=f"p{len(names)}"; names.append((nm, f"{f} {n}"))
    s=f".intel_syntax noprefix\n.text\n.globl {nm}\n{nm}:\n push r12\n push r13\n push r14\n push r15\n push rdi\n mov r11,[rdi+8]\n mov r10,[rdi]\n mov r15,1\n mov rax, rsi\n.L{nm}:\n"
    fl="".join(FILL[f](i) for i in range(n))
    if f in ('vdep','xdep','idep'):
        s+="    mov r10, qword ptr [r10]\n    lea r13, [r10+1]\n    vmovd xmm0, r13d\n"+fl+"    mov r11, qword ptr [r11]\n    lea r13, [r11+1]\n    vmovd xmm0, r13d\n"+fl
    else:
        s+="    mov r10, qword ptr [r10]\n"+fl+"    mov r11, qword ptr [r11]\n"+fl
    s+=f"    dec rax\n     jnz .L{nm}\n mov rdi,[rsp]\n mov [rdi],r10\n mov [rdi+8],r11\n pop rdi\n pop r15\n pop r14\n pop r13\n pop r12\n vzeroupper\n ret\n.section .note.GNU-stack,\"\",@progbits\n"
    open(nm+".s","w").write(s)
decl="".join(f"void {n}(void*,void*,long);" for n,_ in names)
calls="".join(f'run("{d}",{n});' for n,d in names)
c=r'''#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
DECL
#define NL (1<<21)
static void **buf; static long *perm; static void *P[2];
static long long now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
static double G;
static double ghz(){double b=0;for(int k=0;k<25;k++){long n=250000,x=0;long long t0=now();__asm__ volatile("1: add $1,%0\n add $1,%0\n add $1,%0\n add $1,%0\n sub $1,%1\n jnz 1b":"+r"(x),"+r"(n));double g=4.0*250000/(now()-t0);if(g>b)b=g;}return b;}
static void run(const char*name, void(*f)(void*,void*,long)){ double best=1e99; for(int r=0;r<15;r++){long long t0=now(); f(P, (void*)4000, 0); double t=now()-t0; if(t<best)best=t;} printf("%-12s %7.1f cycles/miss\n",name,best*G/8000);}
int main(){ buf=aligned_alloc(64,(size_t)NL*64); perm=malloc(NL*sizeof(long)); for(long i=0;i<NL;i++)perm[i]=i; srand(1);
 for(long i=NL-1;i>0;i--){long j=((long)rand()*RAND_MAX+rand())%(i+1); long t=perm[i];perm[i]=perm[j];perm[j]=t;}
 for(long i=0;i<NL;i++) buf[perm[i]*8]=&buf[perm[(i+1)%NL]*8];
 P[0]=buf;P[1]=buf+8*(NL/2); G=ghz(); printf("clock %.2f\n",G); CALLS return 0;}
'''.replace("DECL",decl).replace("CALLS",calls)
open("p.c","w").write(c)
print(" ".join(n+".s" for n,_ in names))
