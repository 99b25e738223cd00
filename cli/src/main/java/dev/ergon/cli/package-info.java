/**
 * The {@code ergon} command's entry point, {@link dev.ergon.cli.Ergon}.
 *
 * <pre>{@code
 * java -jar cli/target/ergon.jar measure -- python train.py   # meter a command, append its record
 * java -jar cli/target/ergon.jar meters                       # which meters work here, and why not
 * java -jar cli/target/ergon.jar report --ledger a.jsonl      # dual Scope 2 report from ledgers
 * }</pre>
 */
@NullMarked
package dev.ergon.cli;

import org.jspecify.annotations.NullMarked;
