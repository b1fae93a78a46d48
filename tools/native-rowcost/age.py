# Age test: two loops per row with an epilogue between them, [A x 20][epilogue][B x 20], A/B one of gen.py's bodies
# (`fp8` FP-port-bound, `intb` integer only). Writes w*.s and y.c; compile y.c with them and time with best.py.
# Usage: python3 age.py  (run in a scratch copy of this directory, as run.sh does)
import sys
sys.argv = ['gen.py', '/dev/null']
exec(open('gen.py').read().split("variants = [l.split()")[0])
def gen2(name, a, epik, b, T=20):
    s = f".intel_syntax noprefix\n.text\n.globl {name}\n{name}:\n" + PRO
    s += f".L{name}row:\n    vpxor ymm0, ymm0, ymm0\n    mov rdi, 8589934592\n    vpxor ymm1, ymm1, ymm1\n    mov rax, {T}\n"
    s += f".L{name}a:\n" + BODIES[a] + f"    dec rax\n    jne .L{name}a\n" + epi(epik) + f"    mov rax, {T}\n    mov rdi, 8589934592\n"
    s += f".L{name}b:\n" + BODIES[b] + f"    dec rax\n    jne .L{name}b\n"
    s += f"    add rdx, 4\n    dec r8\n    jne .L{name}row\n vzeroupper\n pop rbx\n ret\n.section .note.GNU-stack,\"\",@progbits\n"
    return s
V = [(a, e, b) for a, b in [('fp8', 'intb'), ('intb', 'fp8'), ('fp8', 'fp8'), ('intb', 'intb')] for e in ('none', 'full', 'vaddc:20')]
V += [(a, e, b) for a, b in [('fp8', 'intb'), ('intb', 'fp8')] for e in ('div:4', 'vadd:10', 'full3')]
V += [(a, e, b) for a, b in [('fp8', 'intb'), ('intb', 'fp8'), ('intb', 'intb')] for e in ('imulc:15', 'vmadd:15')]
decl = calls = ""
for i, (a, e, b) in enumerate(V):
    open(f"w{i}.s", "w").write(gen2(f"w{i}", a, e, b))
    decl += f"void w{i}(void);"; calls += f' run("T=20 {e}/{a}+{b}", w{i}, 20);'
open("y.c", "w").write(open("tmpl.c").read().replace("DECL", decl).replace("CALLS", calls))
print(" ".join(f"w{i}.s" for i in range(len(V))))
