"""Live mode driven by a stand-in camera: a real video made of real photos."""

from __future__ import annotations

import numpy as np
import pytest

from station.camera import CameraError, VideoFile, open_source
from station.quality import GateConfig, PhotoGate
from station.quality.live import LiveCapture
from tests.standin_video import FPS, build


@pytest.fixture(scope="module")
def video(faces_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("camera") / "standin.avi"
    return path, build(faces_dir, path)


def run_live(path, cfg: GateConfig):
    live = LiveCapture(cfg)
    seen = []
    with PhotoGate(cfg, live=True) as gate:
        for t, frame in VideoFile(path, realtime=False).frames():
            verdict = gate.judge(frame)
            state = live.update(frame, verdict, t)
            seen.append((t, verdict.accepted, state.progress))
            if state.capture is not None:
                return state.capture, seen
    return None, seen


def test_auto_capture_happens_only_in_the_long_steady_good_stretch(video):
    path, segments = video
    cfg = GateConfig()
    capture, seen = run_live(path, cfg)
    assert capture is not None, "no capture over the whole video"
    long_good = next(s for s in segments if s.name == "long good")
    captured_at = seen[-1][0]
    assert long_good.start + cfg.steady_seconds - 1 / FPS <= captured_at < long_good.end
    assert long_good.start <= capture.at <= captured_at  # the kept frame is from that stretch
    assert capture.verdict.accepted
    assert capture.crop.shape == (cfg.crop_height, cfg.crop_width, 3)
    # the gate did judge the short good stretch as good: it was too short, and then the head jumped
    short = next(s for s in segments if s.name == "short good")
    assert any(ok for t, ok, _ in seen if short.start <= t < short.end)
    assert all(p < 1.0 for t, _, p in seen if t < long_good.start)


def test_bad_frames_reset_progress(video):
    path, segments = video
    _, seen = run_live(path, GateConfig())
    dark = next(s for s in segments if s.name == "dark")
    assert all(p == 0.0 and not ok for t, ok, p in seen if dark.start <= t < dark.end)


def test_kept_frame_is_the_sharpest_of_the_stretch():
    from station.quality.verdict import Check, Verdict

    class G:  # a geometry stand-in: only eyes_centre and eye_distance are read here
        def __init__(self):
            self.eyes_centre = np.array([320.0, 200.0])
            self.eye_distance = 80.0
            self.crop_box = (200.0, 50.0, 440.0, 370.0)
            self.roll = 0.0

    live = LiveCapture(GateConfig(steady_seconds=0.5))
    frames = [np.full((480, 640, 3), i, np.uint8) for i in range(10)]
    sharp = [0.4, 0.5, 0.9, 0.6, 0.5, 0.4, 0.5, 0.45, 0.5, 0.5]
    result = None
    for i, (f, s) in enumerate(zip(frames, sharp, strict=True)):
        v = Verdict({"face_count": Check("face_count", 1, True)}, 1, G(), None, s)
        result = live.update(f, v, i * 0.1).capture or result
    assert result is not None and int(result.frame[0, 0, 0]) == 2


def test_unknown_camera_source_says_what_is_wrong(tmp_path):
    with pytest.raises(CameraError, match="tidak dikenal"):
        open_source(str(tmp_path / "nothing.xyz"))
