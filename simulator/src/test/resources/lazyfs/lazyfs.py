#!/usr/bin/python3
"""lazyfs: a FUSE passthrough that loses every write not yet fsynced when told the power went out.

The idea is Jepsen's LazyFS, cut down to what a SQLite vault needs. Writes and truncates are kept in memory, per
file, in 4 KiB pages (the kernel's page cache, as far as a power cut is concerned); reads see them (read your
writes). fsync/fdatasync of a file writes its pages and size through to the backing file and fsyncs that. Writing
"cut" to the control file /.lazyfs-control drops every unsynced page and truncate at once; from then on every
operation fails with EIO, as on a machine without power, until the mount is unmounted and mounted again over the
same backing directory, which then holds exactly what was synced.

Not modelled (metadata is passed straight through and so is durable at once, which is kinder than a real disk):
creating, renaming and deleting files and directories, and their directory fsync. The vault's data lives in
writes to files that already exist (the database, its WAL), which is what this layer loses.

Usage: lazyfs.py BACKING_DIR MOUNT_POINT   (foreground, single-threaded; unmount with fusermount3 -u or umount)
Needs Debian's python3-fusepy and fuse3 (/dev/fuse).
"""
import errno
import os
import sys
import threading

try:
    from fusepy import FUSE, FuseOSError, Operations
except ImportError:  # the module's name on PyPI
    from fuse import FUSE, FuseOSError, Operations

PAGE = 4096
CONTROL = "/.lazyfs-control"


class Overlay:
    """The unsynced state of one file: changed pages, its logical size, and how far the backing file still counts."""

    def __init__(self, backing_size):
        self.pages = {}
        self.size = backing_size
        # Backing bytes at or past the floor were truncated away (not yet synced): they read as zeros.
        self.floor = backing_size

    def _base(self, fd, offset, length):
        end = min(offset + length, self.floor)
        data = os.pread(fd, end - offset, offset) if end > offset else b""
        return data + bytes(length - len(data))

    def _page(self, fd, p):
        page = self.pages.get(p)
        if page is None:
            page = bytearray(self._base(fd, p * PAGE, PAGE))
            self.pages[p] = page
        return page

    def read(self, fd, offset, length):
        if offset >= self.size:
            return b""
        length = min(length, self.size - offset)
        out = bytearray()
        pos = offset
        while pos < offset + length:
            p, within = divmod(pos, PAGE)
            n = min(PAGE - within, offset + length - pos)
            page = self.pages.get(p)
            out += page[within:within + n] if page is not None else self._base(fd, pos, n)
            pos += n
        return bytes(out)

    def write(self, fd, offset, data):
        pos = 0
        while pos < len(data):
            p, within = divmod(offset + pos, PAGE)
            n = min(PAGE - within, len(data) - pos)
            self._page(fd, p)[within:within + n] = data[pos:pos + n]
            pos += n
        self.size = max(self.size, offset + len(data))

    def truncate(self, length):
        if length < self.size:
            for p in [p for p in self.pages if p * PAGE >= length]:
                del self.pages[p]
            p, within = divmod(length, PAGE)
            if within and p in self.pages:
                self.pages[p][within:] = bytes(PAGE - within)
            self.floor = min(self.floor, length)
        self.size = length

    def sync(self, fd):
        """Writes the pages through (what the disk gets at fsync) and makes them durable."""
        if self.floor < os.fstat(fd).st_size:
            os.ftruncate(fd, self.floor)
        for p in sorted(self.pages):
            start = p * PAGE
            if start < self.size:
                os.pwrite(fd, bytes(self.pages[p][:min(PAGE, self.size - start)]), start)
        os.ftruncate(fd, self.size)
        os.fsync(fd)


class LazyFs(Operations):
    use_ns = True  # utimens gets nanoseconds

    def __init__(self, backing):
        self.backing = os.path.realpath(backing)
        self.overlays = {}  # path in the mount -> Overlay
        self.cut_done = False
        self.mutex = threading.Lock()  # fuse runs single-threaded (nothreads); the lock keeps that true if not
        self.fsyncs = 0

    def _real(self, path):
        return os.path.join(self.backing, path.lstrip("/"))

    def __call__(self, op, path, *args):
        with self.mutex:
            if self.cut_done and path != CONTROL and not (op == "getattr" and path == "/"):
                raise FuseOSError(errno.EIO)  # no power: nothing reads or writes any more
            try:
                return super().__call__(op, path, *args)
            except OSError as e:
                if isinstance(e, FuseOSError):
                    raise
                raise FuseOSError(e.errno or errno.EIO)

    # ------------------------------------------------------------------ power cut

    def _cut(self):
        files = len(self.overlays)
        pages = sum(len(o.pages) for o in self.overlays.values())
        per_file = ", ".join(f"{path.lstrip('/')}: {len(o.pages)}" for path, o in sorted(self.overlays.items()))
        self.overlays.clear()
        self.cut_done = True
        print(f"lazyfs: power cut: dropped {pages} unsynced pages in {files} files ({per_file}; "
              f"{self.fsyncs} fsyncs before)", file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ metadata (passed through)

    def getattr(self, path, fh=None):
        if path == CONTROL:
            return dict(st_mode=0o100200, st_nlink=1, st_size=0, st_uid=0, st_gid=0, st_atime=0, st_mtime=0,
                        st_ctime=0)
        st = os.lstat(self._real(path))
        attrs = {k: getattr(st, k) for k in ("st_atime", "st_ctime", "st_gid", "st_mode", "st_mtime", "st_nlink",
                                             "st_size", "st_uid")}
        overlay = self.overlays.get(path)
        if overlay is not None:
            attrs["st_size"] = overlay.size
        return attrs

    def readdir(self, path, fh):
        return [".", ".."] + os.listdir(self._real(path))

    def access(self, path, amode):
        if path != CONTROL and not os.access(self._real(path), amode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        os.chmod(self._real(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._real(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._real(path), ns=times) if times else os.utime(self._real(path))

    def mkdir(self, path, mode):
        os.mkdir(self._real(path), mode)

    def rmdir(self, path):
        os.rmdir(self._real(path))

    def unlink(self, path):
        os.unlink(self._real(path))
        self.overlays.pop(path, None)

    def rename(self, old, new):
        os.rename(self._real(old), self._real(new))
        self.overlays.pop(new, None)
        if old in self.overlays:
            self.overlays[new] = self.overlays.pop(old)

    def statfs(self, path):
        st = os.statvfs(self._real(path))
        return {k: getattr(st, k) for k in ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree",
                                            "f_files", "f_flag", "f_frsize", "f_namemax")}

    # ------------------------------------------------------------------ data (buffered until fsync)

    def _open_backing(self, path):
        try:
            return os.open(self._real(path), os.O_RDWR)
        except PermissionError:
            return os.open(self._real(path), os.O_RDONLY)

    def open(self, path, flags):
        if path == CONTROL:
            return 0
        fd = self._open_backing(path)
        if flags & os.O_TRUNC:
            self._overlay(path, fd).truncate(0)
        return fd

    def create(self, path, mode, fi=None):
        os.close(os.open(self._real(path), os.O_WRONLY | os.O_CREAT, mode))
        return self._open_backing(path)

    def _overlay(self, path, fd):
        overlay = self.overlays.get(path)
        if overlay is None:
            overlay = Overlay(os.fstat(fd).st_size)
            self.overlays[path] = overlay
        return overlay

    def read(self, path, size, offset, fh):
        overlay = self.overlays.get(path)
        if overlay is None:
            return os.pread(fh, size, offset)
        return overlay.read(fh, offset, size)

    def write(self, path, data, offset, fh):
        if path == CONTROL:
            if data.strip() == b"cut":
                self._cut()
                return len(data)
            raise FuseOSError(errno.EINVAL)
        self._overlay(path, fh).write(fh, offset, data)
        return len(data)

    def truncate(self, path, length, fh=None):
        if path == CONTROL:
            return
        fd = fh if fh is not None else self._open_backing(path)
        try:
            self._overlay(path, fd).truncate(length)
        finally:
            if fh is None:
                os.close(fd)

    def fsync(self, path, datasync, fh):
        self.fsyncs += 1
        overlay = self.overlays.pop(path, None)
        if overlay is not None:
            overlay.sync(fh)
        else:
            os.fsync(fh)

    def fsyncdir(self, path, datasync, fh):
        return 0  # directory entries are passed through at once (see the module's comment)

    def flush(self, path, fh):
        return 0  # close() is not a sync

    def release(self, path, fh):
        if path != CONTROL:
            os.close(fh)  # the file's unsynced pages stay (page cache outlives the descriptor)
        return 0


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    backing, mount = sys.argv[1], sys.argv[2]
    print(f"lazyfs: {backing} on {mount}", file=sys.stderr, flush=True)
    FUSE(LazyFs(backing), mount, foreground=True, nothreads=True)


if __name__ == "__main__":
    main()
