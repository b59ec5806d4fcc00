package org.dipwatch.page;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The status page's FreeMarker templates ({@code page/templates/*.ftlh} in the jar). The
 * {@code .ftlh} extension selects FreeMarker's HTML output format, which escapes every value
 * printed ({@code <}, {@code &}, quotes): an article's title or text, a feed's error or a
 * subscription's name cannot add markup to the page. Templates may not create Java objects or
 * reach the API of the objects they print.
 */
final class PageTemplates {

    private final Configuration config;

    PageTemplates() {
        config = new Configuration(Configuration.VERSION_2_3_35);
        config.setClassForTemplateLoading(PageTemplates.class, "/page/templates");
        config.setDefaultEncoding(StandardCharsets.UTF_8.name());
        config.setOutputEncoding(StandardCharsets.UTF_8.name());
        config.setURLEscapingCharset(StandardCharsets.UTF_8.name());
        config.setRecognizeStandardFileExtensions(true);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setAPIBuiltinEnabled(false);
    }

    /** The page of template {@code name} ({@code home.ftlh}) over this model. */
    String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            config.getTemplate(name).process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("page: cannot render " + name + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}
