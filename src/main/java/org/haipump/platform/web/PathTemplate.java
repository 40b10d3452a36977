package org.haipump.platform.web;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/** The path template of a resource method, {@code /api/v1/pumps/{id}}: what logs and the audit trail name. */
public final class PathTemplate {

    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private PathTemplate() {
    }

    public static String of(Method method) {
        Path onClass = method.getDeclaringClass().getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String joined = "/" + (onClass == null ? "" : onClass.value()) + "/" + (onMethod == null ? "" : onMethod.value());
        String template = SLASHES.matcher(joined).replaceAll("/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }
}
