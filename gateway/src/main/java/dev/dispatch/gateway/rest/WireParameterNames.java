package dev.dispatch.gateway.rest;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ParameterNameProvider;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Names a resource method's parameters in validation errors as they appear on the wire ("Idempotency-Key",
 * "limit") rather than as Java names. Quarkus hands a bean of this type to Hibernate Validator.
 */
@ApplicationScoped
public class WireParameterNames implements ParameterNameProvider {

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return names(constructor);
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return names(method);
    }

    private static List<String> names(Executable executable) {
        return Arrays.stream(executable.getParameters()).map(WireParameterNames::name).toList();
    }

    private static String name(Parameter p) {
        if (p.isAnnotationPresent(HeaderParam.class)) {
            return p.getAnnotation(HeaderParam.class).value();
        }
        if (p.isAnnotationPresent(QueryParam.class)) {
            return p.getAnnotation(QueryParam.class).value();
        }
        if (p.isAnnotationPresent(PathParam.class)) {
            return p.getAnnotation(PathParam.class).value();
        }
        return p.getName();
    }
}
