import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** A region to mark on the model: a bounding box in model coordinates (mm), described in words. */
export type Highlight = { min: [number, number, number]; max: [number, number, number]; where: string };

/**
 * The undercut regions of the model being shown, provided by the measurement panel around its
 * viewer: the pages that render the viewer need not pass them along.
 */
export const ModelHighlights = createContext<Highlight[]>([]);

const UNDERCUT_COLOUR = 0xd9480f;

/**
 * A three.js view of a model's glTF preview: orbit, zoom, and "Fit" to frame it again. three is
 * bundled with the app (never fetched from a CDN) and loaded only when a viewer is near the screen.
 */
export function ModelViewer({ url, label }: { url: string; label: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const fit = useRef<() => void>(() => undefined);
  const showUndercuts = useRef<(show: boolean) => void>(() => undefined);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [near, setNear] = useState(false);
  const highlights = useContext(ModelHighlights);
  // By content: a page re-rendered (a live update) hands a new but equal list, which must not reload the model.
  const highlightKey = JSON.stringify(highlights);
  const [undercutsShown, setUndercutsShown] = useState(true);
  // What a model loaded later starts with: the toggle's state, kept outside React's render.
  const shown = useRef(true);
  const legendId = useId();
  // The buyer's status page reads in the buyer's language; staff pages get the English messages.
  const { t } = useTranslation("status");

  // three.js and the model load when the viewer comes near the screen, not with the page: a
  // buyer's status page shows its summary first, and a phone would parse three.js for nothing.
  useEffect(() => {
    const host = mount.current;
    if (!host || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: "200px",
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, [near]);

  useEffect(() => {
    const host = mount.current;
    if (!host || !near) return;
    let disposed = false;
    let cleanup = () => undefined as void;
    (async () => {
      const THREE = await import("three");
      const { GLTFLoader } = await import("three/examples/jsm/loaders/GLTFLoader.js");
      const { OrbitControls } = await import("three/examples/jsm/controls/OrbitControls.js");
      if (disposed) return;
      const width = host.clientWidth || 480;
      const height = Math.round(width * 0.6);
      const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
      renderer.setPixelRatio(window.devicePixelRatio);
      renderer.setSize(width, height);
      renderer.setClearColor(0xf4f6f9);
      host.appendChild(renderer.domElement);
      renderer.domElement.setAttribute("aria-label", label);
      renderer.domElement.setAttribute("role", "img");
      const scene = new THREE.Scene();
      scene.add(new THREE.HemisphereLight(0xffffff, 0x8899aa, 2.2));
      const sun = new THREE.DirectionalLight(0xffffff, 1.6);
      scene.add(sun);
      const camera = new THREE.PerspectiveCamera(35, width / height, 0.1, 100_000);
      const controls = new OrbitControls(camera, renderer.domElement);
      const gltf = await new GLTFLoader().loadAsync(url);
      if (disposed) return;
      scene.add(gltf.scene);
      const box = new THREE.Box3().setFromObject(gltf.scene);
      scene.add(new THREE.Box3Helper(box, new THREE.Color(0x0b5cad)));
      // Each undercut region as a translucent box drawn over the model (depth test off: a slide's
      // pocket is often hidden behind the part's own faces), padded so a flat region still shows.
      const undercuts = new THREE.Group();
      const pad = box.getSize(new THREE.Vector3()).length() * 0.01;
      for (const h of JSON.parse(highlightKey) as Highlight[]) {
        const region = new THREE.Box3(new THREE.Vector3(...h.min), new THREE.Vector3(...h.max)).expandByScalar(pad);
        const size = region.getSize(new THREE.Vector3());
        const fill = new THREE.Mesh(
          new THREE.BoxGeometry(size.x, size.y, size.z),
          new THREE.MeshBasicMaterial({ color: UNDERCUT_COLOUR, transparent: true, opacity: 0.3, depthTest: false }),
        );
        fill.position.copy(region.getCenter(new THREE.Vector3()));
        fill.renderOrder = 1;
        undercuts.add(fill, new THREE.Box3Helper(region, new THREE.Color(UNDERCUT_COLOUR)));
      }
      undercuts.visible = shown.current;
      scene.add(undercuts);
      showUndercuts.current = (show: boolean) => {
        undercuts.visible = show;
        render();
      };
      fit.current = () => {
        const size = box.getSize(new THREE.Vector3()).length() || 1;
        const center = box.getCenter(new THREE.Vector3());
        camera.position.copy(center).add(new THREE.Vector3(0.6, 0.45, 0.75).multiplyScalar(size * 1.5));
        camera.near = size / 1000;
        camera.far = size * 100;
        camera.updateProjectionMatrix();
        controls.target.copy(center);
        sun.position.copy(camera.position);
        controls.update();
        render();
      };
      // A frame only when the view changes: a loop redrawing a still model kept the main thread
      // busy for seconds on a slow phone (Lighthouse TBT 6-12 s) and drains batteries.
      const render = () => renderer.render(scene, camera);
      controls.addEventListener("change", render);
      fit.current();
      setState("ready");
      cleanup = () => {
        controls.removeEventListener("change", render);
        controls.dispose();
        renderer.dispose();
        renderer.domElement.remove();
      };
    })().catch(() => !disposed && setState("failed"));
    return () => {
      disposed = true;
      cleanup();
    };
  }, [url, label, near, highlightKey]);

  return (
    <div className="model-viewer">
      <div ref={mount} className="model-canvas" data-state={state} />
      <noscript>{t("models.viewer.noscript")}</noscript>
      {state === "loading" ? <p className="muted">{t("models.viewer.loading")}</p> : null}
      {state === "failed" ? <p className="error">{t("models.viewer.failed")}</p> : null}
      {state === "ready" ? (
        <div className="viewer-controls">
          <button type="button" className="button" onClick={() => fit.current()}>
            {t("models.viewer.fit")}
          </button>
          {highlights.length > 0 ? (
            <label className="viewer-legend">
              <input
                type="checkbox"
                checked={undercutsShown}
                aria-describedby={legendId}
                onChange={(event) => {
                  setUndercutsShown(event.target.checked);
                  shown.current = event.target.checked;
                  showUndercuts.current(event.target.checked);
                }}
              />
              <span className="undercut-swatch" aria-hidden="true" />
              Show undercuts ({highlights.length})
            </label>
          ) : null}
          {highlights.length > 0 ? (
            <p id={legendId} className="muted viewer-legend-note">
              Orange boxes: undercuts, faces neither half of the tool reaches along the pull axis; each box is a likely
              slide.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
