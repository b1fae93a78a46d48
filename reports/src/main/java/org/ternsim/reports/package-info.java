/** TernSim reports. */
package org.ternsim.reports;
