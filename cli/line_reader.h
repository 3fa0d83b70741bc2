// Reads a stream line by line with a bound on line length, so that memory stays flat
// whatever the input: a line longer than the bound is consumed to its end but not kept,
// and reported as oversized with its length. A final newline does not start another line;
// "\r\n" counts as one line break.
#ifndef FAKELENS_CLI_LINE_READER_H_
#define FAKELENS_CLI_LINE_READER_H_

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace fakelens::cli {

class LineReader {
 public:
  LineReader(std::FILE* file, std::size_t max_line_bytes)
      : file_(file), max_line_bytes_(max_line_bytes), buffer_(1 << 16) {}

  // Fills `line` (without its line break) and `oversized`; false at the end of input.
  // line_bytes() then holds the line's length, even when it was too long to keep.
  bool next(std::string& line, bool& oversized) {
    line.clear();
    oversized = false;
    line_bytes_ = 0;
    bool any = false;
    for (;;) {
      if (pos_ == size_) {
        if (eof_) break;
        size_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        pos_ = 0;
        if (size_ == 0) {
          eof_ = true;
          read_error_ = std::ferror(file_) != 0;
          break;
        }
      }
      any = true;
      const char* start = buffer_.data() + pos_;
      const char* newline = static_cast<const char*>(std::memchr(start, '\n', size_ - pos_));
      const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : size_ - pos_;
      line_bytes_ += take;
      if (!oversized) {
        if (line.size() + take > max_line_bytes_ + 1) {  // +1 leaves room for a '\r'
          oversized = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(start, take);
        }
      }
      pos_ += take;
      if (newline) {
        ++pos_;
        break;
      }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
  }

  std::size_t line_bytes() const { return line_bytes_; }

  bool read_error() const { return read_error_; }

 private:
  std::FILE* file_;
  std::size_t max_line_bytes_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
  bool eof_ = false;
  bool read_error_ = false;
  std::size_t line_bytes_ = 0;
};

}  // namespace fakelens::cli

#endif  // FAKELENS_CLI_LINE_READER_H_
