package io.yima.drivers.printer;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.RenderedLabel;
import java.util.function.Function;

/**
 * The one label template an encoder is currently printing, rebuilt only when the label's layout changes. A line
 * prints one layout for hours, so one entry is all the cache it needs.
 */
final class TemplateCache<T> {
    private record Shape(LabelSpec spec, int width, int height, int dotsPerModule) {
        boolean matches(RenderedLabel l) {
            return (spec == l.spec() || spec.equals(l.spec())) && width == l.symbol().width()
                    && height == l.symbol().height() && dotsPerModule == l.dotsPerModule();
        }
    }

    private record Entry<T>(Shape shape, T template) {
    }

    private final Function<RenderedLabel, T> build;
    private volatile Entry<T> entry;

    TemplateCache(Function<RenderedLabel, T> build) {
        this.build = build;
    }

    T get(RenderedLabel label) {
        Entry<T> e = entry;
        if (e != null && e.shape.matches(label)) {
            return e.template;
        }
        T t = build.apply(label);
        entry = new Entry<>(new Shape(label.spec(), label.symbol().width(), label.symbol().height(),
                label.dotsPerModule()), t);
        return t;
    }
}
