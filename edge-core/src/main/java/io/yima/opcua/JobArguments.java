package io.yima.opcua;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.line.JobOrder;
import io.yima.vault.ActivationFields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * StartJob's input arguments decoded into a typed {@link JobOrder}, with the same bounds as the ASCII protocol's
 * START (job id 1-64 of {@code A-Z a-z 0-9 . _ : -}; SKU and batch 1-128 characters without control characters;
 * quantity 1-10,000,000). A bad argument is a {@link BadArgument} naming it in words a technician understands.
 */
final class JobArguments {
    static final int MAX_TEXT = 128;
    static final int MAX_QUANTITY = 10_000_000;

    static final Argument[] START_INPUTS = {
            arg("JobId", Identifiers.String, "Job id: 1-64 letters, digits, '.', '_', ':' or '-'"),
            arg("Sku", Identifiers.String, "Product SKU, 1-128 characters"),
            arg("Batch", Identifiers.String, "Batch or lot, 1-128 characters"),
            arg("Quantity", Identifiers.UInt32, "Labels to issue, 1-10000000"),
            arg("Mode", Identifiers.String, "TRIGGERED, STREAM or PREPRINT; empty: the line's mode"),
            arg("Symbol", Identifiers.String, "QR or MICROCODE; empty: the line's symbol")};

    /**
     * StartJobWithFields: StartJob's arguments, then the job's label fields (each empty for the line's
     * {@code job_defaults}, or today for the date).
     */
    static final Argument[] START_WITH_FIELDS_INPUTS = withFields();

    private static Argument[] withFields() {
        Argument[] a = java.util.Arrays.copyOf(START_INPUTS, START_INPUTS.length + 3);
        a[START_INPUTS.length] = arg("Title", Identifiers.String,
                "Product name on the label and in the activation, 1-128 characters; empty: the line's job_defaults");
        a[START_INPUTS.length + 1] = arg("Brand", Identifiers.String,
                "Brand on the label and in the activation, 1-128 characters; empty: the line's job_defaults");
        a[START_INPUTS.length + 2] = arg("ProductionDate", Identifiers.String,
                "Production date the label's date fields count from, YYYY-MM-DD; empty: today in the line's zone");
        return a;
    }

    /** A refused argument: which one and why. */
    static final class BadArgument extends Exception {
        BadArgument(String message) {
            super(message, null, false, false);
        }
    }

    private JobArguments() {
    }

    static JobOrder parse(Variant[] in) throws BadArgument {
        if (in == null || in.length != START_INPUTS.length) {
            throw new BadArgument("StartJob takes 6 arguments: JobId, Sku, Batch, Quantity, Mode, Symbol");
        }
        String job = text(in[0], "JobId", 64);
        if (!job.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new BadArgument("JobId: only letters, digits, '.', '_', ':' and '-'");
        }
        String sku = text(in[1], "Sku", MAX_TEXT);
        String batch = text(in[2], "Batch", MAX_TEXT);
        if (!(in[3].getValue() instanceof UInteger q)) {
            throw new BadArgument("Quantity: must be a UInt32");
        }
        long quantity = q.longValue();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new BadArgument("Quantity: must be between 1 and " + MAX_QUANTITY + ", got " + quantity);
        }
        String modeText = optional(in[4], "Mode");
        LineMode mode = null;
        if (!modeText.isEmpty()) {
            try {
                mode = LineMode.valueOf(modeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadArgument("Mode: must be TRIGGERED, STREAM, PREPRINT or empty");
            }
        }
        String symbolText = optional(in[5], "Symbol").toUpperCase(Locale.ROOT);
        Symbology symbol = switch (symbolText) {
            case "" -> null;
            case "QR" -> Symbology.QR;
            case "MICROCODE" -> Symbology.MICROCODE;
            default -> throw new BadArgument("Symbol: must be QR, MICROCODE or empty");
        };
        return new JobOrder(job, sku, batch, (int) quantity, symbol, mode, null, null);
    }

    /** StartJobWithFields' arguments: StartJob's six, then Title, Brand and ProductionDate. */
    static JobOrder parseWithFields(Variant[] in) throws BadArgument {
        if (in == null || in.length != START_WITH_FIELDS_INPUTS.length) {
            throw new BadArgument("StartJobWithFields takes 9 arguments: JobId, Sku, Batch, Quantity, Mode, Symbol,"
                    + " Title, Brand, ProductionDate");
        }
        JobOrder o = parse(java.util.Arrays.copyOf(in, START_INPUTS.length));
        String title = optional(in[6], "Title");
        String brand = optional(in[7], "Brand");
        String dateText = optional(in[8], "ProductionDate");
        LocalDate date = null;
        if (!dateText.isEmpty()) {
            if (!dateText.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new BadArgument("ProductionDate: must be YYYY-MM-DD, e.g. 2026-12-06, or empty");
            }
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw new BadArgument("ProductionDate: " + dateText + " is no day of the calendar");
            }
        }
        // blank counts as empty: the line's default, as a START without title= or brand= on the PLC port
        ActivationFields fields = title.isBlank() && brand.isBlank() ? null : new ActivationFields(null,
                brand.isBlank() ? null : brand, title.isBlank() ? null : title, null, null, null, null);
        return new JobOrder(o.jobId(), o.sku(), o.batch(), o.quantity(), o.symbol(), o.mode(), null, fields, date);
    }

    private static String text(Variant v, String name, int max) throws BadArgument {
        String s = optional(v, name);
        if (s.isEmpty()) {
            throw new BadArgument(name + ": required");
        }
        if (s.length() > max) {
            throw new BadArgument(name + ": at most " + max + " characters");
        }
        return s;
    }

    private static String optional(Variant v, String name) throws BadArgument {
        Object o = v == null ? null : v.getValue();
        if (o == null) {
            return "";
        }
        if (!(o instanceof String s)) {
            throw new BadArgument(name + ": must be a String");
        }
        if (s.length() > MAX_TEXT) {
            throw new BadArgument(name + ": at most " + MAX_TEXT + " characters");
        }
        // a CR, LF, ESC or NUL would reach the vault, the status page and log lines
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new BadArgument(name + ": holds a control character");
        }
        return s;
    }

    static Argument arg(String name, NodeId type, String text) {
        return new Argument(name, type, -1, null, LocalizedText.english(text));
    }
}
