package org.diffusionj.runtime;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The small committed TorchScript model package used by the tests (tools/model/make_fixture.py). */
public final class Fixture {
    private Fixture() {
    }

    public static Path folder() {
        try {
            return Paths.get(Fixture.class.getResource("/fixture/model.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelPackage modelPackage() {
        return ModelPackage.open(folder());
    }
}
