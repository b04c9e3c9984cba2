package org.diffusionj.cli;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;

/**
 * The user's hands for {@link RealImageJIT}'s GUI test, in a JVM of its own on the same X display as ImageJ:
 * when ImageJ's macro says a dialog is coming (a file {@code dialog} in the folder), it photographs the
 * screen and presses Enter (the dialog's OK); when the macro says the result is shown ({@code result}), it
 * photographs the screen again. Usage: {@code ScreenRobot FOLDER}.
 */
public final class ScreenRobot {
    private ScreenRobot() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Paths.get(args[0]);
        Robot robot = new Robot();
        waitFor(folder.resolve("dialog"));
        Thread.sleep(4000); // the dialog opens on ImageJ's event thread after the macro's doCommand
        shoot(robot, folder.resolve("dialog.png"));
        robot.keyPress(KeyEvent.VK_ENTER);
        robot.keyRelease(KeyEvent.VK_ENTER);
        waitFor(folder.resolve("result"));
        Thread.sleep(1500);
        shoot(robot, folder.resolve("result.png"));
        Files.writeString(folder.resolve("shot"), "done");
    }

    private static void shoot(Robot robot, Path png) throws Exception {
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        ImageIO.write(robot.createScreenCapture(screen), "png", new File(png.toString()));
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 1200 && !Files.exists(file); i++) {
            Thread.sleep(250);
        }
    }
}
