/**
 * The label text language: literal text with fields in braces ({@code {sku}}, {@code {date+365d:yyyy.MM.dd}}).
 * A ground package (docs/architecture.md): the config check parses a template's texts when the file is loaded, the
 * template composer fills them in per label; it imports nothing else of {@code io.yima}.
 */
package io.yima.labeltext;
