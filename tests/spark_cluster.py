"""A real standalone Spark cluster on loopback: a master and N workers from the pyspark
distribution, whose Python is a bare virtual environment (no figcheck, no packages at all), so
what the executors run is what figcheck ships them. Shared by the cluster tests and bench/.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def bare_python(folder: Path) -> Path:
    """A virtual environment with nothing installed: the workers' Python."""
    if not (folder / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=False, symlinks=True).create(folder)
    return folder / "bin" / "python"


@dataclass
class Cluster:
    url: str
    python: Path
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        """The environment a driver (figcheck) runs in to use this cluster."""
        return {**os.environ, "SPARK_MASTER": self.url, "PYSPARK_PYTHON": str(self.python),
                "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_HOME": str(spark_home())}

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.folder.glob("*.log")))


def _daemon(cls: str, args: list[str], log: Path) -> subprocess.Popen:
    home = spark_home()
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
           "SPARK_NO_DAEMONIZE": "1"}
    env.pop("PYTHONPATH", None)
    with open(log, "wb") as out:
        return subprocess.Popen([str(home / "bin" / "spark-class"), cls, *args], stdout=out,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)


def _wait_for(log: Path, text: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    raise RuntimeError(f"spark daemon did not report {text!r}:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def cluster(folder: Path, workers: int = 2, cores: int = 1, memory: str = "1g",
            timeout: float = 120) -> Iterator[Cluster]:
    """Starts the master and ``workers`` workers, yields the Cluster, and stops them all."""
    folder.mkdir(parents=True, exist_ok=True)
    python = bare_python(folder / "bare-python")
    port = free_port()
    url = f"spark://127.0.0.1:{port}"
    running = Cluster(url, python, folder)
    try:
        master_log = folder / "master.log"
        master = _daemon("org.apache.spark.deploy.master.Master",
                         ["--host", "127.0.0.1", "--port", str(port),
                          "--webui-port", str(free_port())], master_log)
        running.processes.append(master)
        _wait_for(master_log, "I have been elected leader", master, timeout)
        for i in range(workers):
            log = folder / f"worker{i + 1}.log"
            worker = _daemon("org.apache.spark.deploy.worker.Worker",
                             ["--host", "127.0.0.1", "--cores", str(cores), "--memory", memory,
                              "--work-dir", str(folder / f"work{i + 1}"),
                              "--webui-port", str(free_port()), url], log)
            running.processes.append(worker)
            _wait_for(log, "Successfully registered with master", worker, timeout)
        yield running
    finally:
        for proc in reversed(running.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in running.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


if __name__ == "__main__":  # python tests/spark_cluster.py FOLDER: a cluster to try by hand
    with cluster(Path(sys.argv[1])) as c:
        print(c.url, c.python, flush=True)
        signal.pause()
