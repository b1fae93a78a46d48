/** TernSim cli. */
package org.ternsim.cli;
