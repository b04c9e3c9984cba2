// Runs one Diffusion command on every image of a folder and saves the results as TIFF in another folder.
// Unreadable files are skipped and listed; the input folder is never written to.
//
// Headless:
//   ./diffusion macro macros/batch-folder.ijm "input=/data/raw output=/data/restored command=[Diffusion Super-Resolution] options=[scale=2 steps=30]"
// In ImageJ (Plugins > Macros > Run...): the folders are asked for; edit the defaults below.
// Commands that need a selection (Diffusion Inpaint) use a selection saved with the image.

args = getArgument();
input = value(args, "input", "");
output = value(args, "output", "");
command = value(args, "command", "Diffusion Super-Resolution");
options = value(args, "options", "scale=2");
if (input == "") input = getDirectory("Folder with the images to process");
if (output == "") output = getDirectory("Folder for the results");
input = folder(input);
output = folder(output);
if (input == output) exit("The output folder must differ from the input folder: inputs are never overwritten.");
if (!File.isDirectory(input)) exit("Not a folder: " + input);
if (!File.isDirectory(output)) File.makeDirectory(output);

suffix = toLowerCase(replace(replace(command, "Diffusion ", ""), "[^A-Za-z0-9]+", "-"));
setBatchMode(true);
files = getFileList(input);
done = 0;
skipped = "";
for (i = 0; i < files.length; i++) {
    name = files[i];
    if (endsWith(name, "/") || startsWith(name, ".")) continue;
    format = call("ij.io.Opener.getFileFormat", input + name);
    if (format == "txt" || format == "java/txt" || format == "lut" || format == "roi" || format == "table"
            || format == "ojj" || format == "not found") {
        skipped = skipped + "\n  " + name;
        continue;
    }
    before = nImages;
    IJ.redirectErrorMessages();
    open(input + name);
    if (nImages == before) {
        skipped = skipped + "\n  " + name;
        continue;
    }
    source = getImageID();
    run(command, options);
    if (getImageID() == source) exit(command + " made no result for " + name);
    base = File.getNameWithoutExtension(name);
    saveAs("Tiff", output + base + "-" + suffix + ".tif");
    close();
    selectImage(source);
    close();
    done++;
    print(name + " -> " + base + "-" + suffix + ".tif");
}
print("Processed " + done + " image(s) into " + output);
if (skipped != "") print("Skipped (not readable as images):" + skipped);

// The value of key=value or key=[value with spaces] in text, or the default.
function value(text, key, default) {
    i = indexOf(" " + text, " " + key + "=");
    if (i < 0) return default;
    rest = substring(text, i + lengthOf(key) + 1);
    if (startsWith(rest, "[")) return substring(rest, 1, indexOf(rest, "]"));
    j = indexOf(rest, " ");
    if (j < 0) return rest;
    return substring(rest, 0, j);
}

// A folder path with one trailing separator.
function folder(path) {
    if (!endsWith(path, "/") && !endsWith(path, File.separator)) path = path + File.separator;
    return path;
}
