import { Niivue, NVMesh } from '@niivue/niivue';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  VERTEX_MAPPERS,
  type SurfaceMesh,
  type VertexMapper,
  type VertexSampling,
} from '../../shared/api.js';
import { memoLast } from '../../shared/memo-last.js';
import { unfold } from '../../shared/mesh/unfold.js';
import { vertexAdjacency } from '../../shared/mesh/vertex-adjacency.js';
import type { Hemi } from '../../shared/subject.js';
import { describePoint, useCursor } from '../canvas/cursor-info.js';
import { api } from '../state/api-holder.js';
import {
  editor,
  useEditor,
  useSavedMembership,
  type TemplateData,
  type TemplateDisplay,
} from '../state/editor-store.js';
import { cameraFor, pickVertex, projectPoint, STANDARD_VIEWS, type StandardView } from './standard-views.js';
import { MeshColourWriter } from './mesh-colours.js';
import { pacedRedraw, type PacedRedraw } from './paced-redraw.js';
import {
  curvatureColours,
  cursorVertices,
  drawCursor,
  drawRois,
  surfaceUnderlay,
  templateColours,
  templateVertexValues,
} from './surface-colours.js';

/** Unlit: each vertex's layer colour reaches the screen unchanged (for reading colours off a picture). */
const UNLIT_SHADER = `#version 300 es
precision highp float;
uniform float opacity;
in vec4 vClr;
in vec3 vN;
out vec4 color;
void main() { color = vec4(vClr.rgb, opacity); }`;

type Hemisphere = 'both' | 'lh' | 'rh';

/** What tests and the bench read back: the mesh and the camera as drawn. */
declare global {
  interface Window {
    __roiStudioSurface?: {
      ready: () => boolean;
      positions: () => Float32Array | null;
      colours: () => Uint8Array | null;
      /** bumped whenever the colours or positions on the GPU change */
      version: () => number;
      /** how many times the layers' colours were recomposed and uploaded */
      recolours: () => number;
      /** how many times the linked cursor's redraw (paced) has drawn the view */
      cursorDraws: () => number;
      /** milliseconds the last of those took, from the editor change to the frame drawn */
      recolourMs: () => number;
      /** of which the view's own work: layers composed, uploaded and drawn */
      recolourWorkMs: () => number;
      /** screen position (CSS px within the canvas) of a merged vertex under the current camera */
      project: (vertex: number) => [number, number] | null;
    };
  }
}

/**
 * The 3-D panel: both hemispheres as one Niivue mesh, morphing fiducial → inflated → flat as
 * pycortex's viewer unfolds them, coloured per vertex by the flatmap's layers. Hovering on the
 * flatmap marks the vertex here; hovering here reports the vertex, and a click centres the flatmap on it.
 */
export function SurfaceView() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nvRef = useRef<Niivue | null>(null);
  const meshRef = useRef<NVMesh | null>(null);
  const writerRef = useRef<MeshColourWriter | null>(null);
  const unlitShader = useRef<number | null>(null);
  /** the layers' colours, and those on the GPU: the layers with the cursor painted over */
  const baseRef = useRef<Uint8Array | null>(null);
  const shownRef = useRef<Uint8Array | null>(null);
  /** how long the last recolour took, from the layers' colours to the frame drawn (for bench:ui) */
  const recolourMsRef = useRef(NaN);
  const recolourWorkMsRef = useRef(NaN);
  const recoloursRef = useRef(0);
  const layersChangedAt = useRef<number | null>(null);
  const cursorRedrawRef = useRef<PacedRedraw | null>(null);
  const cursorDrawsRef = useRef(0);
  const lastSurfaceVertex = useRef<number | null>(null);
  const cursorRef = useRef<number[]>([]);
  const versionRef = useRef(0);
  const subject = useEditor((s) => s.subject);
  const transform = useEditor((s) => s.transform);
  const template = useEditor((s) => s.template);
  const display = useEditor((s) => s.display);
  const doc = useEditor((s) => s.doc);
  const selectedKey = useEditor((s) => s.selectedKey);
  const hiddenKeys = useEditor((s) => s.hiddenKeys);
  const geometry = useEditor((s) => s.subjectData?.geometry ?? null);
  const saved = useSavedMembership((s) => s.byName);
  // the vertices only, so a pointer move that stays on a vertex does not re-render the view
  const flatHemi = useCursor((s) => s.info?.hemi ?? null);
  const flatOnHemi = useCursor((s) => s.info?.vertex ?? null);
  const surfaceHemi = useCursor((s) => s.surface?.hemi ?? null);
  const surfaceOnHemi = useCursor((s) => s.surface?.vertex ?? null);

  const [mapper, setMapper] = useState<VertexMapper>('nearest');
  const [mix, setMix] = useState(0);
  const [hemisphere, setHemisphere] = useState<Hemisphere>('both');
  const [unlit, setUnlit] = useState(false);
  const [transparent, setTransparent] = useState(false);
  const [glReady, setGlReady] = useState(false);
  const [meshReady, setMeshReady] = useState(0);
  const [glProblem, setGlProblem] = useState<string | null>(null);
  // answers are kept with the request they answer, so a stale one is never shown
  const [loaded, setLoaded] = useState<Answer<SurfaceMesh> | null>(null);
  const [sampled, setSampled] = useState<Answer<VertexSampling> | null>(null);
  const surfaceKey = subject ?? '';
  const samplingKey =
    subject && transform && template?.kind === 'volume' ? `${subject}\0${transform}\0${mapper}` : '';
  const surface = loaded?.key === surfaceKey ? (loaded.value ?? null) : null;
  const sampling = sampled?.key === samplingKey ? (sampled.value ?? null) : null;
  const problem =
    glProblem ??
    (loaded?.key === surfaceKey ? loaded.problem : undefined) ??
    (sampled?.key === samplingKey ? sampled.problem : undefined) ??
    null;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const nv = new Niivue({ backColor: [0, 0, 0, 1], show3Dcrosshair: false, isOrientCube: false });
    let alive = true;
    nv.attachToCanvas(canvas)
      .then(() => {
        if (!alive) return;
        nv.setSliceType(nv.sliceTypeRender);
        nvRef.current = nv;
        cursorRedrawRef.current = pacedRedraw(() => {
          nv.drawScene();
          cursorDrawsRef.current++;
        });
        setGlReady(true);
      })
      .catch((e: unknown) => setGlProblem(`WebGL2 is not available here: ${String(e)}`));
    return () => {
      alive = false;
      // its listeners and observers go; the context stays with the canvas (a remount reuses it)
      nv.cleanup();
      cursorRedrawRef.current?.cancel();
      cursorRedrawRef.current = null;
      nvRef.current = null;
      meshRef.current = null;
      writerRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!subject) return;
    return request(surfaceKey, () => api().getSurfaceMesh(subject), setLoaded);
  }, [subject, surfaceKey]);

  useEffect(() => {
    if (!samplingKey || !subject || !transform) return;
    return request(samplingKey, () => api().getVertexSampling(subject, transform, mapper), setSampled);
  }, [samplingKey, subject, transform, mapper]);

  const targets = useMemo(
    () => (surface ? [surface.fiducial, ...(surface.inflated ? [surface.inflated] : []), surface.flat] : []),
    [surface],
  );
  const positions = useMemo(
    () => (surface ? unfold(targets, mix, new Float32Array(surface.fiducial.length)) : null),
    [surface, targets, mix],
  );
  const triangles = useMemo(() => {
    if (!surface || hemisphere === 'both') return surface?.triangles ?? null;
    const t = surface.triangles;
    const keep = (v: number) => (hemisphere === 'lh' ? v < surface.nL : v >= surface.nL);
    const out: number[] = [];
    for (let k = 0; k + 2 < t.length; k += 3) if (keep(t[k])) out.push(t[k], t[k + 1], t[k + 2]);
    return Uint32Array.from(out);
  }, [surface, hemisphere]);

  const curvature = useMemo(() => (surface ? curvatureColours(surface.curvature) : null), [surface]);
  const layers = useState(surfaceLayerMemos)[0];
  const adjacency = useMemo(
    () => (surface ? vertexAdjacency(surface.triangles, surface.nL + surface.nR) : null),
    [surface],
  );
  const flatVertex = surface ? mergedVertex(flatHemi, flatOnHemi, surface.nL) : null;
  const surfaceVertex = surface ? mergedVertex(surfaceHemi, surfaceOnHemi, surface.nL) : null;
  // one Niivue mesh per subject; new positions or triangles update it in place
  useEffect(() => {
    const nv = nvRef.current;
    if (!nv || !glReady || !surface || !positions || !triangles) return;
    const n = positions.length / 3;
    // colours are written by the effect below; these only fill the mesh until then
    if (shownRef.current?.length !== 4 * n) shownRef.current = new Uint8Array(4 * n).fill(255);
    cursorRef.current = cursorRef.current.filter((v) => v < n);
    let mesh = meshRef.current;
    if (!mesh || mesh.pts.length !== positions.length) {
      if (mesh) nv.removeMesh(mesh);
      mesh = new NVMesh(positions.slice(), triangles, 'cortex', shownRef.current, 1, true, nv.gl);
      // the camera frames every surface of the morph, so unfolding never leaves the view
      mesh.furthestVertexFromOrigin = Math.max(...targets.map(furthest));
      meshRef.current = mesh;
      writerRef.current = new MeshColourWriter(nv.gl, mesh);
      nv.addMesh(mesh);
      setMeshReady((k) => k + 1);
    } else {
      mesh.pts = positions.slice();
      mesh.tris = triangles;
      mesh.rgba255 = shownRef.current;
      mesh.updateMesh(nv.gl);
      writerRef.current?.geometryChanged();
    }
    versionRef.current++;
    nv.drawScene();
  }, [glReady, surface, targets, positions, triangles]);

  // when the layers' inputs last changed in the editor, to time the recolour that follows
  useEffect(
    () =>
      useEditor.subscribe((s, p) => {
        if (
          s.template !== p.template ||
          s.display !== p.display ||
          s.doc !== p.doc ||
          s.selectedKey !== p.selectedKey ||
          s.hiddenKeys !== p.hiddenKeys
        )
          layersChangedAt.current ??= performance.now();
      }),
    [],
  );

  // a recolour (template, display, ROI edit) recomputes only the layers whose inputs changed and
  // rewrites only the colours in the GPU buffer; computed here, not in render, so it can be timed
  useEffect(() => {
    const nv = nvRef.current;
    const mesh = meshRef.current;
    if (!nv || !mesh || !curvature || !adjacency || curvature.length !== 4 * (mesh.pts.length / 3)) return;
    const start = performance.now();
    const t0 = layersChangedAt.current ?? start;
    layersChangedAt.current = null;
    const underlay = layers.underlay(curvature, layers.template(template, display, sampling));
    const base = new Uint8ClampedArray(underlay);
    if (geometry) drawRois(base, doc, geometry, saved, adjacency, selectedKey, hiddenKeys);
    baseRef.current = new Uint8Array(base.buffer);
    const shown = baseRef.current.slice();
    drawCursor(shown, cursorRef.current);
    shownRef.current = shown;
    // kept on the mesh too, for any rebuild Niivue makes on its own
    mesh.rgba255 = shown;
    if (!writerRef.current?.writeAll(shown)) mesh.updateMesh(nv.gl);
    versionRef.current++;
    nv.drawScene();
    recolourMsRef.current = performance.now() - t0;
    recolourWorkMsRef.current = performance.now() - start;
    recoloursRef.current++;
  }, [
    layers,
    curvature,
    adjacency,
    template,
    display,
    sampling,
    geometry,
    doc,
    saved,
    selectedKey,
    hiddenKeys,
    meshReady,
  ]);

  useEffect(() => {
    const nv = nvRef.current;
    const mesh = meshRef.current;
    if (!nv || !mesh) return;
    if (unlit) unlitShader.current ??= nv.setCustomMeshShader(UNLIT_SHADER, 'Unlit');
    nv.setMeshShader(mesh.id, unlit ? unlitShader.current! : 'Phong');
    nv.drawScene();
  }, [unlit, meshReady]);

  // the linked cursor: only its vertices change colour, patched in place
  useEffect(() => {
    const nv = nvRef.current;
    const mesh = meshRef.current;
    const shown = shownRef.current;
    const under = baseRef.current;
    if (!nv || !mesh || !shown || !under || !adjacency || under.length !== shown.length) return;
    const before = cursorRef.current;
    for (const v of before) shown.set(under.subarray(4 * v, 4 * v + 4), 4 * v);
    const now = [flatVertex, surfaceVertex].flatMap((v) => (v === null ? [] : cursorVertices(v, adjacency)));
    drawCursor(shown, now);
    cursorRef.current = now;
    if (!writerRef.current?.writeSome(shown, [...before, ...now])) {
      mesh.rgba255 = shown;
      mesh.updateMesh(nv.gl);
    }
    versionRef.current++;
    // hovering the 3-D view itself is answered at once; the flatmap's cursor is paced
    const fromSurface = surfaceVertex !== lastSurfaceVertex.current;
    lastSurfaceVertex.current = surfaceVertex;
    cursorRedrawRef.current?.request(fromSurface);
  }, [flatVertex, surfaceVertex, adjacency, meshReady]);

  useEffect(() => {
    const nv = nvRef.current;
    if (!nv || !glReady) return;
    nv.opts.backColor = transparent ? [0, 0, 0, 0] : [0, 0, 0, 1];
    nv.drawScene();
  }, [glReady, transparent]);

  // hover reports the vertex drawn under the pointer, as the flatmap reports its own;
  // a click (not a drag) also centres the flatmap there
  useEffect(() => {
    const canvas = canvasRef.current;
    const nv = nvRef.current;
    if (!canvas || !nv || !glReady || !surface || !positions || !geometry) return;
    const [first, end] =
      hemisphere === 'lh'
        ? [0, surface.nL]
        : hemisphere === 'rh'
          ? [surface.nL, surface.nL + surface.nR]
          : [];
    const report = (clientX: number, clientY: number, centre: boolean) => {
      const r = canvas.getBoundingClientRect();
      const v = pickVertex(
        mvpOf(nv),
        positions,
        clientX - r.left,
        clientY - r.top,
        r.width,
        r.height,
        first,
        end,
      );
      if (v < 0) return;
      const x = geometry.svgXY[2 * v];
      const y = geometry.svgXY[2 * v + 1];
      const hemi = v < surface.nL ? 'lh' : 'rh';
      const s = editor.get();
      // voxel, label and value as the flatmap shows them at this vertex's place
      const there =
        s.subjectData && geometry.valid[v] ? describePoint(x, y, s.subjectData, s.template) : null;
      useCursor.setState({
        surface: {
          x,
          y,
          voxel: there?.voxel ?? null,
          value: there?.value ?? null,
          label: there?.label ?? null,
          hemi,
          vertex: hemi === 'lh' ? v : v - surface.nL,
        },
      });
      if (centre && geometry.valid[v]) editor.set({ centreRequest: { x, y } });
    };
    let down: { x: number; y: number } | null = null;
    let frame = 0;
    const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY });
    const onLeave = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      useCursor.setState({ surface: null });
    };
    const onUp = (e: PointerEvent) => {
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) <= 4) report(e.clientX, e.clientY, true);
      down = null;
    };
    const onMove = (e: PointerEvent) => {
      if (e.buttons !== 0 || frame) return; // orbiting, or a pick already waits for the next frame
      frame = requestAnimationFrame(() => {
        frame = 0;
        report(e.clientX, e.clientY, false);
      });
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      cancelAnimationFrame(frame);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
      useCursor.setState({ surface: null });
    };
  }, [glReady, surface, positions, geometry, hemisphere]);

  useEffect(() => {
    window.__roiStudioSurface = {
      ready: () => !!meshRef.current && !!shownRef.current,
      positions: () => positions,
      colours: () => shownRef.current,
      version: () => versionRef.current,
      recolours: () => recoloursRef.current,
      cursorDraws: () => cursorDrawsRef.current,
      recolourMs: () => recolourMsRef.current,
      recolourWorkMs: () => recolourWorkMsRef.current,
      project: (vertex) =>
        nvRef.current && positions ? projectVertex(nvRef.current, positions, vertex) : null,
    };
    return () => {
      delete window.__roiStudioSurface;
    };
  }, [positions]);

  const showView = (view: StandardView) => {
    const hemi = hemisphere === 'rh' ? 'rh' : 'lh';
    // the medial side of one hemisphere is hidden behind the other
    if (view === 'medial' && hemisphere === 'both') setHemisphere('lh');
    const c = cameraFor(view, hemi);
    nvRef.current?.setRenderAzimuthElevation(c.azimuth, c.elevation);
  };

  const exportPng = () => {
    const nv = nvRef.current;
    const canvas = canvasRef.current;
    if (!nv || !canvas || !subject) return;
    nv.drawScene();
    canvas.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${subject}-3d.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }, 'image/png');
  };

  const stages = surface?.inflated ? 'fiducial → inflated → flat' : 'fiducial → flat';
  return (
    <section className="surface-view" aria-label="3-D view">
      <div className="surface-controls">
        <label>
          Unfold
          <input
            type="range"
            aria-label="Unfold"
            title={stages}
            min={0}
            max={1}
            step={0.01}
            value={mix}
            onChange={(e) => setMix(Number(e.target.value))}
          />
        </label>
        <select
          aria-label="Camera"
          value=""
          onChange={(e) => e.target.value && showView(e.target.value as StandardView)}
        >
          <option value="">View…</option>
          {Object.keys(STANDARD_VIEWS).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <select
          aria-label="Hemispheres"
          value={hemisphere}
          onChange={(e) => setHemisphere(e.target.value as Hemisphere)}
        >
          <option value="both">both</option>
          <option value="lh">left</option>
          <option value="rh">right</option>
        </select>
        <select
          aria-label="Vertex sampling"
          title="pycortex's Volume → vertex mapper for volume templates"
          value={mapper}
          onChange={(e) => setMapper(e.target.value as VertexMapper)}
        >
          {VERTEX_MAPPERS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <label title="Exact layer colours, no lighting">
          <input type="checkbox" checked={unlit} onChange={(e) => setUnlit(e.target.checked)} /> Unlit
        </label>
        <label>
          <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} />{' '}
          Transparent
        </label>
        <button type="button" disabled={!surface} onClick={exportPng}>
          Export PNG
        </button>
      </div>
      {surface && !surface.inflated && (
        <p className="surface-note" role="note">
          No inflated surface for {surface.subject}: the view unfolds from fiducial straight to flat.
        </p>
      )}
      {problem && (
        <p className="surface-note" role="alert">
          {problem}
        </p>
      )}
      <canvas ref={canvasRef} className="surface-canvas" />
    </section>
  );
}

interface Answer<T> {
  key: string;
  value?: T;
  problem?: string;
}

/** Ask once; the answer (or the error's message) lands with its key unless cancelled first. */
function request<T>(key: string, ask: () => Promise<T>, land: (a: Answer<T>) => void): () => void {
  let alive = true;
  ask().then(
    (value) => alive && land({ key, value }),
    (e: { message?: string }) => alive && land({ key, problem: e.message ?? String(e) }),
  );
  return () => {
    alive = false;
  };
}

/** A cursor's vertex in the merged mesh (right hemisphere after the left's nL). */
function mergedVertex(hemi: Hemi | null, vertex: number | null, nL: number): number | null {
  return hemi !== null && vertex !== null ? vertex + (hemi === 'rh' ? nL : 0) : null;
}

/** The layers under the ROIs, each recomputed only when its own inputs change. */
function surfaceLayerMemos() {
  return {
    template: memoLast(
      (t: TemplateData | null, display: TemplateDisplay, sampling: VertexSampling | null) => {
        const values = t ? templateVertexValues(t, display, sampling) : null;
        return t && values
          ? { colours: templateColours(t, display, values), opacity: display.opacity }
          : null;
      },
    ),
    underlay: memoLast(surfaceUnderlay),
  };
}

function furthest(points: Float32Array): number {
  let m = 0;
  for (let i = 0; i < points.length; i += 3)
    m = Math.max(m, Math.hypot(points[i], points[i + 1], points[i + 2]));
  return m;
}

/** Niivue's model-view-projection matrix of the render view as drawn (the whole canvas). */
function mvpOf(nv: Niivue): ArrayLike<number> {
  const c = nv.canvas!;
  return nv.calculateMvpMatrix(
    null,
    [0, 0, c.width, c.height],
    nv.scene.renderAzimuth,
    nv.scene.renderElevation,
  )[0] as ArrayLike<number>;
}

/** Where Niivue draws a vertex, CSS px within the canvas. */
function projectVertex(nv: Niivue, positions: Float32Array, vertex: number): [number, number] | null {
  const c = nv.canvas;
  if (!c) return null;
  const p = projectPoint(mvpOf(nv), positions, vertex, c.clientWidth, c.clientHeight);
  return p ? [p[0], p[1]] : null;
}
