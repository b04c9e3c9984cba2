package org.diffusionj.engine.inversion;
import org.diffusionj.engine.*;
import org.diffusionj.engine.inversion.NullTextInversion.*;
import org.diffusionj.runtime.*;
import org.junit.jupiter.api.Test;
class DebugNti {
  @Test void dbg() {
    ModelPackage pkg = Fixture.modelPackage();
    var model = pkg.loadDifferentiableDenoiser(TorchRuntime.select(DeviceChoice.CPU));
    Tensor image = Tensors.clamp(Tensors.scale(0.5, new GaussianNoise(11).next(1, 3, 8, 8)), -1, 1);
    float[][] t = pkg.manifest().embeddings();
    for (double g : new double[]{1.0, 7.5}) {
    NullTextInversion n = new NullTextInversion(model, ModelPackages.predictionType(pkg.manifest()), ModelPackages.schedule(pkg.manifest()), 10, g, 10);
    for (Mode m : Mode.values()) {
      long t0=System.nanoTime();
      Inversion inv = n.invert(image, t[1], t[0], m);
      Tensor r = n.edit(inv, t[1], null);
      System.out.println("g="+g+" "+m+" mse="+Tensors.maxAbsDiff(r,image)+" l0="+java.util.Arrays.toString(inv.initialLosses())+" losses="+java.util.Arrays.toString(inv.losses())+" "+(System.nanoTime()-t0)/1e9);
    }}
  }
}
