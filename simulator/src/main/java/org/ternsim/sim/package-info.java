/** TernSim simulator. */
package org.ternsim.sim;
