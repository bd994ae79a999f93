/**
 * Ground types every layer of edge-core may use: they import nothing else of {@code io.yima} (see
 * docs/architecture.md). Today the failure whose message is written for the technician at the terminal.
 */
package io.yima.common;
