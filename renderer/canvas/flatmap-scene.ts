import Konva from 'konva';
import type { ShapeLayer } from '../../shared/api.js';
import { layerOf, type RoiDocument, type RoiPath } from '../state/roi-document.js';
import { traceLoops } from './cortex-clip.js';
import { outlineShape } from './outline-shape.js';
import { roiColour } from './roi-colour.js';
import { pathLabelPoint } from './roi-rings.js';
import type { ToolPreview } from './tools/tool-types.js';
import type { View } from './view-transform.js';

/**
 * The Konva stage, drawn imperatively so pan and zoom never go through React: a static layer
 * (curvature, template), a shape layer (sulci, cutouts and ROI outlines, and names; redrawn
 * only when the document or the view changes) and a live layer for the stroke in progress and
 * node handles, which is the only one redrawn while drawing. Nothing listens to Konva events: input is handled on the
 * container and converted to SVG coordinates by the view transform.
 */

const ROI_STROKE = '#ffffff';
const SELECTED_STROKE = '#ffcc33';
const LIVE_STROKE = '#33d6ff';
/** node and curve-handle markers: white, outlined, a constant size on screen */
const HANDLE_STYLE = {
  fill: '#ffffff',
  stroke: '#1b6fd1',
  strokeWidth: 1,
  strokeScaleEnabled: false,
  listening: false,
  perfectDrawEnabled: false,
} as const;
/** the baseline's distance below the top of a line of text, in font sizes */
const BASELINE = 0.8;

export class FlatmapScene {
  readonly stage: Konva.Stage;
  private readonly base = new Konva.Layer({ listening: false });
  private readonly rois = new Konva.Layer({ listening: false });
  private readonly live = new Konva.Layer({ listening: false });
  private readonly baseGroup = new Konva.Group();
  private readonly roiGroup = new Konva.Group();
  private readonly liveGroup = new Konva.Group();
  private readonly curvature = new Konva.Image({ image: undefined, listening: false });
  private readonly template = new Konva.Image({ image: undefined, listening: false });
  /** the flat surface's outline, filled: the background when there is no curvature image */
  private readonly frame = new Konva.Group({ listening: false });
  private svgSize = { width: 1, height: 1 };
  private labels: Konva.Text[] = [];
  private readonly labelGroup = new Konva.Group({ listening: false });
  /** ROI outlines, apart from their names so Clip to cortex can cut them alone (as pycortex does) */
  private readonly outlineGroup = new Konva.Group({ listening: false });
  private boundary: readonly Float32Array[] = [];
  private pathNodes = new Map<RoiPath, Konva.Shape>();
  /** one name per path, as pycortex labels each hemisphere's part */
  private nameNodes = new Map<RoiPath, Konva.Text>();
  private scale = 1;
  private rotation = 0;

  constructor(container: HTMLDivElement, width: number, height: number) {
    this.stage = new Konva.Stage({ container, width, height });
    this.base.add(this.baseGroup);
    this.baseGroup.add(this.frame, this.curvature, this.template);
    this.rois.add(this.roiGroup);
    this.live.add(this.liveGroup);
    this.stage.add(this.base, this.rois, this.live);
    for (const layer of [this.base, this.rois, this.live]) layer.imageSmoothingEnabled(false);
  }

  destroy(): void {
    this.stage.destroy();
  }

  resize(width: number, height: number): void {
    this.stage.size({ width, height });
  }

  setView(view: View): void {
    if (view.scale !== this.scale || view.rotation !== this.rotation) {
      this.scale = view.scale;
      this.rotation = view.rotation;
      // names stay upright and readable whatever the zoom and rotation
      for (const t of this.labels) {
        t.setAttrs({ scaleX: 1 / view.scale, scaleY: 1 / view.scale, rotation: -view.rotation });
      }
    }
    for (const g of [this.baseGroup, this.roiGroup, this.liveGroup]) {
      g.setAttrs({ x: view.x, y: view.y, scaleX: view.scale, scaleY: view.scale, rotation: view.rotation });
    }
    this.stage.batchDraw();
  }

  setFrame(width: number, height: number, boundary: readonly Float32Array[]): void {
    this.svgSize = { width, height };
    this.boundary = boundary;
    this.frame.destroyChildren();
    for (const loop of boundary) {
      this.frame.add(
        new Konva.Line({
          points: Array.from(loop),
          closed: true,
          fill: '#7d838b',
          stroke: '#9aa1a9',
          strokeWidth: 1,
          strokeScaleEnabled: false,
          listening: false,
          perfectDrawEnabled: false,
        }),
      );
    }
    this.frame.visible(false);
    for (const img of [this.curvature, this.template]) img.size({ width, height });
    this.base.batchDraw();
  }

  setCurvature(image: HTMLCanvasElement | null): void {
    this.curvature.image(image ?? undefined);
    this.curvature.visible(image !== null);
    this.frame.visible(image === null && this.svgSize.width > 1);
    this.base.batchDraw();
  }

  setTemplate(image: HTMLCanvasElement | null, opacity: number): void {
    this.template.image(image ?? undefined);
    this.template.visible(image !== null);
    this.template.opacity(opacity);
    this.base.batchDraw();
  }

  /** Cut ROI outlines and sulci at the cortex's edge (pycortex's figures always do), or not. */
  setClipToCortex(on: boolean): void {
    const clip = on ? (ctx: Konva.Context) => traceLoops(ctx, this.boundary) : undefined;
    // Konva's setter is typed for a function only; undefined removes the clip
    this.outlineGroup.clipFunc(clip as NonNullable<typeof clip>);
    this.rois.batchDraw();
  }

  /**
   * Outline and name nodes are kept per (immutable) path and ROI value and reused, so an edit
   * of one ROI among hundreds re-parses only that ROI's paths.
   */
  setRois(
    doc: RoiDocument,
    selectedKey: string | null,
    hidden: ReadonlySet<string>,
    showLabels: boolean,
    colours = false,
    showSulci = true,
  ): void {
    const paths = new Map<RoiPath, Konva.Shape>();
    const names = new Map<RoiPath, Konva.Text>();
    this.roiGroup.removeChildren();
    this.outlineGroup.removeChildren();
    this.labelGroup.removeChildren();
    // sulci under cutouts under ROIs, as pycortex stacks its layers
    const order: Record<ShapeLayer, number> = { sulci: 0, cutouts: 1, rois: 2 };
    const shapes = [...doc.rois].sort((a, b) => order[layerOf(a)] - order[layerOf(b)]);
    for (const roi of shapes) {
      if (hidden.has(roi.key) || (roi.layer === 'sulci' && !showSulci)) continue;
      const selected = roi.key === selectedKey;
      for (const p of roi.paths) {
        const node =
          this.pathNodes.get(p) ??
          outlineShape(p, {
            fillRule: 'evenodd',
            strokeScaleEnabled: false,
            listening: false,
            perfectDrawEnabled: false,
            shadowForStrokeEnabled: false,
          });
        node.setAttrs(
          roi.layer === 'sulci'
            ? {
                // pycortex's sulci style: white, 3× an ROI's width, 60 % opaque, round ends
                stroke: selected ? SELECTED_STROKE : ROI_STROKE,
                strokeWidth: selected ? 5 : 4.5,
                opacity: selected ? 1 : 0.6,
                lineCap: 'round',
                lineJoin: 'round',
              }
            : {
                stroke: selected ? SELECTED_STROKE : colours ? roiColour(roi.name) : ROI_STROKE,
                strokeWidth: selected ? 2.5 : 1.5,
                fill: selected ? 'rgba(255,204,51,0.18)' : undefined,
                dash: roi.layer === 'cutouts' ? [6, 4] : undefined,
              },
        );
        paths.set(p, node);
        this.outlineGroup.add(node);
      }
      for (const p of showLabels && roi.layer !== 'cutouts' ? roi.paths : []) {
        const at = pathLabelPoint(p);
        if (!at) continue;
        let text = this.nameNodes.get(p);
        if (!text) {
          text = new Konva.Text({
            x: at[0],
            y: at[1],
            fontSize: 13,
            fontStyle: 'bold italic',
            fontFamily: 'Helvetica, Arial, sans-serif',
            stroke: 'rgba(0,0,0,0.55)',
            strokeWidth: 2.5,
            fillAfterStrokeEnabled: true,
            listening: false,
            perfectDrawEnabled: false,
          });
        }
        if (text.text() !== roi.name) {
          text.text(roi.name);
          // (x, y) is the name's baseline centre, as in pycortex's SVG labels (text-anchor middle)
          text.offset({ x: text.width() / 2, y: text.fontSize() * BASELINE });
        }
        // names keep a readable size on screen whatever the zoom
        text.setAttrs({
          fill: selected ? SELECTED_STROKE : '#ffffff',
          scaleX: 1 / this.scale,
          scaleY: 1 / this.scale,
          rotation: -this.rotation,
        });
        names.set(p, text);
        this.labelGroup.add(text);
      }
    }
    for (const [p, node] of this.pathNodes) if (!paths.has(p)) node.destroy();
    for (const [r, node] of this.nameNodes) if (!names.has(r)) node.destroy();
    this.pathNodes = paths;
    this.nameNodes = names;
    this.labels = [...names.values()];
    this.roiGroup.add(this.outlineGroup, this.labelGroup);
    this.rois.batchDraw();
  }

  /** The names on screen and where they stand (SVG frame), for tests. */
  labelPlacements(): { text: string; x: number; y: number }[] {
    return this.labels.map((t) => ({ text: t.text(), x: t.x(), y: t.y() }));
  }

  setPreview(preview: ToolPreview | null, scale: number): void {
    this.liveGroup.destroyChildren();
    if (preview) {
      for (const line of preview.lines) {
        this.liveGroup.add(
          new Konva.Line({
            points: line.points as number[],
            closed: line.closed,
            stroke: LIVE_STROKE,
            strokeWidth: 2,
            strokeScaleEnabled: false,
            lineJoin: 'round',
            lineCap: 'round',
            listening: false,
            perfectDrawEnabled: false,
          }),
        );
      }
      const handles = preview.handles ?? [];
      for (let i = 0; i + 3 < handles.length; i += 4) {
        this.liveGroup.add(
          new Konva.Line({
            points: handles.slice(i, i + 4) as number[],
            stroke: '#1b6fd1',
            strokeWidth: 1,
            strokeScaleEnabled: false,
            listening: false,
            perfectDrawEnabled: false,
          }),
          new Konva.Circle({
            x: handles[i + 2],
            y: handles[i + 3],
            radius: 3 / scale,
            ...HANDLE_STYLE,
          }),
        );
      }
      const nodes = preview.nodes ?? [];
      const r = 3.5 / scale;
      for (let i = 0; i < nodes.length; i += 2) {
        this.liveGroup.add(
          new Konva.Rect({
            x: nodes[i] - r,
            y: nodes[i + 1] - r,
            width: 2 * r,
            height: 2 * r,
            ...HANDLE_STYLE,
          }),
        );
      }
      if (preview.activeNode) {
        this.liveGroup.add(
          new Konva.Circle({
            x: preview.activeNode[0],
            y: preview.activeNode[1],
            radius: 5 / scale,
            fill: SELECTED_STROKE,
            stroke: '#000000',
            strokeWidth: 1,
            strokeScaleEnabled: false,
            listening: false,
          }),
        );
      }
    }
    this.live.batchDraw();
  }
}

/** RGBA pixels → a canvas Konva can draw (nearest-neighbour: pixels stay crisp when zoomed). */
export function toCanvas(img: { width: number; height: number; data: Uint8ClampedArray }): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (ctx)
    ctx.putImageData(new ImageData(img.data as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  return canvas;
}
