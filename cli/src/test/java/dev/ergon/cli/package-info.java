/** End-to-end tests of the runnable jar, each run as a separate process ({@code *IT}, run by Failsafe). */
@NullMarked
package dev.ergon.cli;

import org.jspecify.annotations.NullMarked;
