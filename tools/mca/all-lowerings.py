#!/usr/bin/env python3
# Core model vs llvm-mca-19 for the inner loop of every registered lowering on every core table of its ISA: one
# markdown table (docs/validation.md, "Every lowering against llvm-mca"), then, for each row outside 15 %, what tells
# the two models apart: llvm-mca again with same-register zero idioms given an independent source (LLVM 19's Alder
# Lake and Sapphire Rapids models do not break dependencies on them), and the instructions whose latency or
# reciprocal throughput differ between the two tables.
#
# Usage: tools/mca/all-lowerings.py [outdir] [--native]   (default target/mca-all; needs llvm-mca-19 and the CLI jar:
#        apt-get install -y llvm-19; mvn -B -o -pl cli -am package -DskipTests). --native also times each x86 loop
#        on this host's core (tools/mca/native-loop.py) and adds a column: one figure per loop, whichever table
#        the row is for, so read it against the table nearest this host. TABLES=a,b limits the rows to those tables,
#        KERNELS=a,b to those kernels (to refresh their rows after a lowering changed).
import json
import os
import re
import subprocess
import sys

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(HOME, "cli", "target", "ternsim.jar")
MCA = os.environ.get("LLVM_MCA", "llvm-mca-19")
ITERATIONS = 100
# Our core table -> llvm-mca -mcpu, per ISA family. Apple M2 P-cores are A15-class (issue 4); LLVM 19 models
# apple-a15 with its Cyclone model and cortex-a76 with Cortex-A57's; znver5 is its Znver4 model.
X86_AVX2 = [("zen3", "znver3"), ("zen4", "znver4"), ("zen5", "znver5"), ("golden-cove", "alderlake"),
            ("raptor-cove", "alderlake"), ("sapphire-rapids", "sapphirerapids"), ("redwood-cove", "graniterapids")]
X86_AVX512 = [("zen4", "znver4"), ("zen5", "znver5"), ("zen5-256b", "znver5"),
              ("sapphire-rapids", "sapphirerapids"), ("redwood-cove", "graniterapids")]
# cortex-a76 also runs against neoverse-n1: LLVM's N1 model is the proxy our cortex-a76 table is built from.
ARM = [("neoverse-n2", "neoverse-n2"), ("apple-m2", "apple-a15"), ("cortex-a76", "cortex-a76"),
       ("cortex-a76", "neoverse-n1")]
CORES = {"avx2": X86_AVX2, "avx512": X86_AVX512, "neon": ARM, "neon-dotprod": ARM}
LIMIT = 0.15
# TABLES=redwood-cove,zen4 limits the rows to those core tables, KERNELS=f16,tq2_0 to those kernels' lowerings.
ONLY = [t for t in os.environ.get("TABLES", "").split(",") if t]
KERNELS = [k for k in os.environ.get("KERNELS", "").split(",") if k]
# Rows outside LIMIT whose cause is one of LLVM 19's CPU entries rather than an instruction (docs/validation.md).
KNOWN_MODEL = {"znver5": "Z5", "apple-a15": "A15", "cortex-a76": "A57"}


def ternsim(*args):
    cmd = ["java", "--add-modules", "jdk.incubator.vector", f"-Dternsim.home={HOME}", "-jar", JAR, *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=HOME)


def lowerings():
    """kernel/isa of every lowering, from the error that lists them."""
    err = ternsim("explain", "--kernel", "?").stderr
    listed = re.search(r"lowered: (.*)", err)
    if not listed:
        sys.exit("all-lowerings.py: could not read the lowerings from: " + err.strip())
    return [tuple(item.strip().split("/")) for item in listed.group(1).split(",")]


def mca(asm_path, isa, cpu):
    triple = ["-mtriple=x86_64"] if isa.startswith("avx") else ["-mtriple=aarch64", "-mattr=+dotprod"]
    out = subprocess.run([MCA, *triple, f"-mcpu={cpu}", f"-iterations={ITERATIONS}", asm_path],
                         capture_output=True, text=True, check=True).stdout
    cycles = int(re.search(r"^Total Cycles:\s+(\d+)", out, re.M).group(1)) / ITERATIONS
    return cycles, out


def mca_instructions(report):
    """(text, latency, rthroughput) per instruction of llvm-mca's Instruction Info."""
    rows = []
    section = report.split("Instruction Info:")[1].split("Resources:")[0]
    for line in section.splitlines():
        m = re.match(r"\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(?:[*U ]\s*)*\s(\S.*)$", line)
        if m and not line.lstrip().startswith("["):
            rows.append((re.sub(r"\s+", " ", m.group(4).strip()), int(m.group(2)), float(m.group(3))))
    return rows


ZERO_IDIOM = re.compile(r"^(\s*v?p?xor(?:ps|pd)?\s+)([xyz]mm\d+), \2, \2\s*$")


def without_zero_idioms(asm):
    """Same-register xor zeroing with an independent source register, so every model breaks the dependency."""
    used = set(int(n) for n in re.findall(r"[xyz]mm(\d+)", asm))
    spare = next(n for n in [*range(15, -1, -1), *range(31, 15, -1)] if n not in used)  # VEX reaches 0-15 only
    changed = 0
    lines = []
    for line in asm.splitlines():
        m = ZERO_IDIOM.match(line)
        if m:
            reg = m.group(2)
            other = reg[:3] + str(spare)
            line = f"{m.group(1)}{reg}, {other}, {other}"
            changed += 1
        lines.append(line)
    return "\n".join(lines) + "\n", changed


def native(asm_path):
    """This host's cycles per iteration of an x86 loop, or a short note why there is none."""
    run = subprocess.run([sys.executable, os.path.join(HOME, "tools", "mca", "native-loop.py"), asm_path],
                         capture_output=True, text=True)
    found = re.search(r"cycles/iter ([\d.]+)", run.stdout)
    return found.group(1) if found else "not run"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    on_host = "--native" in sys.argv[1:]
    out_dir = os.path.abspath(args[0] if args else os.path.join(HOME, "target", "mca-all"))
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    details = []
    for kernel, isa in lowerings():
        if KERNELS and kernel not in KERNELS:
            continue
        asm = ternsim("explain", "--kernel", kernel, "--isa", isa, "--mca-asm")
        if asm.returncode != 0:
            sys.exit(f"all-lowerings.py: explain --mca-asm {kernel}/{isa}: {asm.stderr.strip()}")
        asm_path = os.path.join(out_dir, f"{kernel}-{isa}.s")
        with open(asm_path, "w") as f:
            f.write(asm.stdout)
        host = native(asm_path) if on_host and isa.startswith("avx") else ""
        for core, cpu in CORES[isa]:
            if ONLY and core not in ONLY:
                continue
            ours = ternsim("explain", "--kernel", kernel, "--isa", isa, "--uarch", core, "--iterations",
                           str(ITERATIONS), "--timeline", "0", "--no-program-run", "--json")
            if ours.returncode != 0:
                rows.append(f"| {kernel}/{isa} | | {core} | {cpu} | | | not run: {ours.stderr.strip()[:80]} | | | | |")
                continue
            loop = json.loads(ours.stdout)["loop"]
            theirs, report = mca(asm_path, isa, cpu)
            with open(os.path.join(out_dir, f"{kernel}-{isa}-{core}-{cpu}.txt"), "w") as f:
                f.write(report)
            mine = loop["cyclesPerIteration"]
            ratio = mine / theirs
            inside = abs(ratio - 1) <= LIMIT
            reason = ""
            if not inside:
                reason = KNOWN_MODEL.get(cpu, "")
                if not reason:
                    reason, detail = explain_miss(kernel, isa, core, cpu, loop, theirs, report, asm.stdout, out_dir)
                    details.append(detail)
            rows.append(f"| {kernel}/{isa} | {loop['loopLabel']} | {core} | {cpu} | {theirs:.2f} | {mine:.2f} | "
                        f"{loop['bottleneck']} | {ratio:.2f} | {'yes' if inside else '**no**'} | {reason} | {host} |")
    print(f"| lowering | loop | core table | llvm-mca -mcpu | llvm-mca cycles/iter | TernSim cycles/iter | "
          f"TernSim bottleneck | TernSim / llvm-mca | within 15 % | why not | host cycles/iter |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("\n\n".join(details))


def explain_miss(kernel, isa, core, cpu, loop, theirs, report, asm, out_dir):
    """A reason key ("ZI" when LLVM's missing zero idiom accounts for the miss, else "") and the evidence."""
    reason = ""
    lines = [f"**{kernel}/{isa} on {core} (llvm-mca -mcpu={cpu}):** TernSim {loop['cyclesPerIteration']:.2f}, "
             f"llvm-mca {theirs:.2f} cycles per iteration."]
    if isa.startswith("avx"):
        fixed, changed = without_zero_idioms(asm)
        if changed:
            path = os.path.join(out_dir, f"{kernel}-{isa}-explicit-zero.s")
            with open(path, "w") as f:
                f.write(fixed)
            cycles, _ = mca(path, isa, cpu)
            ratio = loop["cyclesPerIteration"] / cycles
            if abs(ratio - 1) <= LIMIT:
                reason = "ZI"
            lines.append(f"- With its {changed} same-register xor zeroing(s) given an independent source, llvm-mca "
                         f"gives {cycles:.2f} (TernSim / llvm-mca {ratio:.2f}).")
    theirs_rows = mca_instructions(report)
    ours_rows = loop["instructions"]
    if len(theirs_rows) != len(ours_rows):
        lines.append(f"- (instruction lists differ in length: {len(ours_rows)} against {len(theirs_rows)})")
        return reason, "\n".join(lines)
    seen = set()
    for mine, (text, latency, rthr) in zip(ours_rows, theirs_rows):
        key = (mine["form"], latency, rthr)
        if key in seen:
            continue
        seen.add(key)
        # a load form's LLVM latency includes the load, TernSim's does not (it adds the cache's answer)
        loads = re.search(r"\bm\d+\b", mine["form"]) is not None
        if (mine["latency"] != latency and not loads) or abs(mine["rthr"] - rthr) > 0.01:
            lines.append(f"- `{mine['form']}`: TernSim latency {mine['latency']}, rthr {mine['rthr']:.2f} "
                         f"({mine['usage']}); LLVM latency {latency}, rthr {rthr:.2f}")
    return reason, "\n".join(lines)


if __name__ == "__main__":
    main()
