// An error caused by the user's input (paths, shapes, choices): reported as one line with exit code 2.
package org.ternsim.cli;

final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
