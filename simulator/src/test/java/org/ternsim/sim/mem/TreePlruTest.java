// The packed tree-PLRU (one long per set, precomputed paths) against a tree of booleans walked node by node.
package org.ternsim.sim.mem;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreePlruTest {

    /** Tree-PLRU as textbooks draw it: node 0 the root, children 2n+1 (left) and 2n+2 (right), true = go right. */
    private static final class PlainTree implements PlainPolicyCheck.Plain {
        final int ways;
        final boolean[][] nodes;

        PlainTree(int sets, int ways) {
            this.ways = ways;
            nodes = new boolean[sets][Math.max(1, ways - 1)];
        }

        @Override
        public void touch(int set, int way) {
            int node = 0;
            int lo = 0;
            for (int span = ways; span > 1; span /= 2) {
                boolean right = way >= lo + span / 2;
                nodes[set][node] = !right;
                if (right) lo += span / 2;
                node = 2 * node + (right ? 2 : 1);
            }
        }

        @Override
        public int victim(int set) {
            int node = 0;
            int lo = 0;
            for (int span = ways; span > 1; span /= 2) {
                boolean right = nodes[set][node];
                if (right) lo += span / 2;
                node = 2 * node + (right ? 2 : 1);
            }
            return lo;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16, 32, 64})
    void victimsAreThoseOfThePlainTree(int ways) {
        int sets = 8;
        PlainPolicyCheck.assertSameVictims(new ReplacementPolicy.TreePlru(sets, ways), new PlainTree(sets, ways), sets,
            ways);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12, 128})
    void waysMustBeAPowerOfTwoUpToSixtyFour(int ways) {
        assertThrows(IllegalArgumentException.class, () -> new ReplacementPolicy.TreePlru(4, ways));
    }
}
