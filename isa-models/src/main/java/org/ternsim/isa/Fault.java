// One deliberately wrong instruction semantics, to show that validation catches a broken instruction.
package org.ternsim.isa;

/**
 * @param name        CLI name, e.g. {@code vpmaddubsw-no-pair-sum}
 * @param isa         the semantics table it replaces an entry of ({@link SemanticsTable#isa()} of the base table);
 *                    "neon" also covers its feature variants such as "neon-dotprod"
 * @param family      instruction family, e.g. "multiply-add", "shuffle/permute"
 * @param mnemonic    the instruction whose semantics it replaces
 * @param description what it does wrong
 * @param semantics   the wrong semantics
 */
public record Fault(String name, String isa, String family, String mnemonic, String description,
                    InstructionSemantics semantics) {

    /** Whether this fault can be injected into {@code table}: same ISA and the table knows the instruction. */
    public boolean appliesTo(SemanticsTable table) {
        return (table.isa().equals(isa) || table.isa().startsWith(isa + "-")) && table.supports(mnemonic);
    }

    public SemanticsTable inject(SemanticsTable table) {
        return table.withOverride(mnemonic, semantics);
    }
}
