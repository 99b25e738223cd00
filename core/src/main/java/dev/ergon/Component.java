package dev.ergon;

/**
 * A part of a machine whose energy a channel covers; used so that a model never double counts a counter.
 *
 * @since 0.1
 */
public enum Component {
  /** Processor packages (cores, caches, uncore). */
  CPU,
  /** Main memory. */
  MEMORY,
  /** Graphics and accelerator devices. */
  GPU
}
