// The loop orders the mapper chooses among, outermost first; K is always visited in increasing order per output.
package org.ternsim.isa.accel;

/** Loop nests over output-row tiles, token tiles and K tiles. */
public enum LoopOrder {
    /** rows, tokens, k: output-stationary; a weight tile is re-read once per token tile. */
    ROWS_TOKENS_K,
    /** tokens, rows, k: output-stationary; activations of a token tile stay while all row tiles pass. */
    TOKENS_ROWS_K,
    /** rows, k, tokens: each weight tile is read once and applied to every token; needs all N x rows accumulators. */
    ROWS_K_TOKENS
}
