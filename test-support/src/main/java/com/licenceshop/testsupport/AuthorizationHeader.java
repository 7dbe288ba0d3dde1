package com.licenceshop.testsupport;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
// ArchUnit's own copy of ASM: ArchUnit's model has no string constants, the class file has them
import com.tngtech.archunit.thirdparty.org.objectweb.asm.AnnotationVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a class names the {@code Authorization} header: a string constant its code loads (javac inlines
 * {@code HttpHeaders.AUTHORIZATION} there) or an annotation value ({@code @Header("Authorization")}).
 */
final class AuthorizationHeader {

    static final String NAME = "Authorization";

    static final ArchCondition<JavaClass> NAMED = new ArchCondition<>("name the " + NAME + " header") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            for (String where : placesIn(javaClass)) {
                events.add(SimpleConditionEvent.satisfied(
                        javaClass, javaClass.getName() + " names the " + NAME + " header in " + where));
            }
        }
    };

    private AuthorizationHeader() {}

    static List<String> placesIn(JavaClass javaClass) {
        List<String> places = new ArrayList<>();
        var source = javaClass.getSource();
        if (source.isEmpty()) {
            return places;
        }
        try (InputStream in = source.get().getUri().toURL().openStream()) {
            new ClassReader(in).accept(new Finder(places), ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + javaClass.getName(), e);
        }
        return places;
    }

    private static boolean isTheHeader(Object value) {
        return value instanceof String text && text.equalsIgnoreCase(NAME);
    }

    private static final class Finder extends ClassVisitor {

        private final List<String> places;

        Finder(List<String> places) {
            super(Opcodes.ASM9);
            this.places = places;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return new Values(places, "an annotation of the class");
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String where = "method " + name;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLdcInsn(Object value) {
                    if (isTheHeader(value)) {
                        places.add(where);
                    }
                }

                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return new Values(places, "an annotation of " + where);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    return new Values(places, "a parameter annotation of " + where);
                }
            };
        }
    }

    private static final class Values extends AnnotationVisitor {

        private final List<String> places;
        private final String where;

        Values(List<String> places, String where) {
            super(Opcodes.ASM9);
            this.places = places;
            this.where = where;
        }

        @Override
        public void visit(String name, Object value) {
            if (isTheHeader(value)) {
                places.add(where);
            }
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            return this;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            return this;
        }
    }
}
