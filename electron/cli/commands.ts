/**
 * The CLI's commands, in the order `roi-studio --help` lists them: each one's module is
 * electron/cli/<name>.ts, which exports `run(argv)` and its full `help` text.
 */
export interface CliCommand {
  name: string;
  /** one line for the command list */
  summary: string;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  { name: 'demo', summary: 'write the synthetic demo database' },
  { name: 'subjects', summary: 'list the subjects of a database, their transforms and templates' },
  { name: 'flatmap', summary: 'a flatmap of a volume, as pycortex draws it (.npy or .png)' },
  { name: 'rois', summary: "every ROI's vertices, as pycortex's get_roi_verts" },
  { name: 'overlay', summary: 'overlay merge: copy ROIs from another overlay or rois.svg' },
  { name: 'trace', summary: "trace a template's labels into ROI outlines" },
  { name: 'export', summary: 'export ROIs: vertex lists, FreeSurfer labels, NIfTI masks, figures' },
  { name: 'import-freesurfer', summary: 'create a pycortex subject from a FreeSurfer subject folder' },
  { name: 'add-transform', summary: 'add a transform from a register.dat, LTA, FSL matrix or the header' },
  { name: 'serve', summary: 'serve the UI to a browser (for remote servers)' },
];

export function findCommand(name: string | undefined): CliCommand | undefined {
  return CLI_COMMANDS.find((c) => c.name === name);
}

export function commandList(): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length));
  return [
    'usage: roi-studio <command> [options]     (roi-studio <command> --help for its options)',
    '',
    ...CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}
