/** TernSim isa-models. */
package org.ternsim.isa;
