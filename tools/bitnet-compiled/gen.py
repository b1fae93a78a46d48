# Generates loop variants of the compiled Nx1 block (clang 19 znver3) for native timing.
import re, sys
body = [l.strip() for l in open(sys.argv[1]) if l.strip() and not l.strip().startswith(('jne','dec','add\tr14'))]
# registers: r11 weights, rbx acts tok0, r8 = by, r14 index (held 0)
def variant(name):
    out = []
    for l in body:
        op = l.split()[0]
        if name == 'full':
            out.append(l)
        elif name == 'regform':   # vpmaddubsw reads a register instead of memory; keep the weight load
            if op == 'vpmaddubsw':
                l = re.sub(r'ymmword ptr \[[^\]]*\]', 'ymm1', l)
            out.append(l)
        elif name == 'loads':     # only the 17 loads
            if op == 'vpmaddubsw':
                m = re.search(r'(ymmword ptr \[[^\]]*\])', l)
                dst = l.split()[1].rstrip(',')
                out.append('vmovdqu %s, %s' % (dst, m.group(1)))
            elif op in ('vmovdqu', 'lea'):
                out.append(l)
        elif name == 'noadd':     # drop the 16 vpaddw
            if op != 'vpaddw':
                out.append(l)
        elif name == 'maddonly':  # register-form vpmaddubsw only
            if op == 'vpmaddubsw':
                out.append(re.sub(r'ymmword ptr \[[^\]]*\]', 'ymm1', l))
        elif name == 'split':     # our old form: separate vmovdqu then register vpmaddubsw
            if op == 'vpmaddubsw':
                m = re.search(r'(ymmword ptr \[[^\]]*\])', l)
                dst = l.split()[1].rstrip(',')
                src = l.split()[2].rstrip(',')
                out.append('vmovdqu %s, %s' % (dst, m.group(1)))
                out.append('vpmaddubsw %s, %s, %s' % (dst, src, dst))
            else:
                out.append(l)
    return out
for name in ['full', 'regform', 'loads', 'noadd', 'maddonly', 'split']:
    with open('v_%s.s' % name, 'w') as f:
        f.write('.intel_syntax noprefix\n.globl run_%s\nrun_%s:\n' % (name, name))
        f.write('push rbx\npush r14\nmov r11, rsi\nmov rbx, rdx\nmov r8, rcx\nxor r14d, r14d\nvpxor xmm1, xmm1, xmm1\n')
        f.write('.p2align 5\n.Lloop_%s:\n' % name)
        for l in variant(name): f.write('\t' + l + '\n')
        f.write('\tdec rdi\n\tjne .Lloop_%s\n' % name)
        f.write('pop r14\npop rbx\nvzeroupper\nret\n')
    print(name, len(variant(name)) + 2)
