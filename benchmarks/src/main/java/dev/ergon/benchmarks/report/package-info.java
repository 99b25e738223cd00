/**
 * Turns a JMH JSON result file into the Markdown table published in the README: absolute figures and ratios
 * against the raw counter read.
 */
@NullMarked
package dev.ergon.benchmarks.report;

import org.jspecify.annotations.NullMarked;
